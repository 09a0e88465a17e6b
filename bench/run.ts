/**
 * npm run bench -- --tier S|M|L
 *
 * Server-side latency of the main operations through the product's own lib code, beside the same
 * SQL run raw through the driver: while an operation runs once, drizzle's logger records every
 * statement it sends; those statements are then replayed directly (postgres.js `unsafe`, or PGlite
 * `query`) and timed the same way. The ratio lib p95 / raw p95 is the cost of everything that is
 * not the database: validation, authorisation, mapping, the ORM.
 *
 * Tier S runs on an embedded PGlite under .data/bench-S when DATABASE_URL is not set; M and L need
 * PostgreSQL. Missing data is generated first (bench/generate.ts). Results: a table on stdout and
 * bench/results.json (this tier's rows replaced, other tiers' kept).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { closeDb, openPglite, openPostgres, setDbHandle, type DbHandle, type QueryLogger } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { users } from '@/db/schema';
import { getDashboard } from '@/lib/analytics/dashboard';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { getCase, listCases } from '@/lib/cases/queries';
import { decrypt } from '@/lib/crypto';
import { getOrder, listOrders } from '@/lib/orders/queries';
import { generate, TIERS, type Tier } from './generate';

const ITER = Number(process.env.ITER ?? 50);
const WARMUP = 5;

type Captured = { query: string; params: unknown[] }[];
export type Result = { name: string; tier: Tier; p50_ms: number; p95_ms: number; p99_ms: number; raw_p95_ms: number | null; ratio: number | null };

/** Records statements only while `recording` is set. */
class Recorder implements QueryLogger {
  recording: Captured | null = null;
  logQuery(query: string, params: unknown[]) {
    this.recording?.push({ query, params });
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 100) / 100;

async function time(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

function replayer(handle: DbHandle) {
  const raw = handle.raw!;
  const one = (s: Captured[number]) =>
    handle.kind === 'postgres' ? (raw as postgres.Sql).unsafe(s.query, s.params as never[]) : (raw as PGlite).query(s.query, s.params as unknown[]);
  return async (captured: Captured, parallel: boolean) => {
    if (parallel) await Promise.all(captured.map(one));
    else for (const s of captured) await one(s);
  };
}

type Op = { name: string; run: (i: number) => Promise<unknown>; parallel?: boolean };

async function main() {
  const i = process.argv.indexOf('--tier');
  const tier = ((i > 0 ? process.argv[i + 1] : 'S') ?? 'S').toUpperCase() as Tier;
  if (!(tier in TIERS)) throw new Error(`--tier must be S, M or L (got ${tier})`);
  const url = process.env.DATABASE_URL;
  if (!url && tier !== 'S') throw new Error(`tier ${tier} needs PostgreSQL: set DATABASE_URL`);
  const recorder = new Recorder();
  const handle = url ? openPostgres(url, { logger: recorder }) : await openPglite(path.resolve('.data', 'bench-S', 'pglite'), { logger: recorder });
  setDbHandle(handle);
  const db = handle.db;
  await migrateDatabase(handle, url);
  const have = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders`))[0]!.n;
  if (have < TIERS[tier].orders * 0.9) await generate(db, tier);

  const actorOf = async (email: string) => {
    const [u] = await db.select().from(users).where(eq(users.email, email));
    return { actor: await loadActorBySession(db, await createSession(db, u!.id, { ip: null })), ip: null, requestId: 'bench' };
  };
  const agent = await actorOf('agent@example.com');
  const supervisor = await actorOf('supervisor@example.com');
  const sample = rowsOf<{ order_no: string; tracking_no: string | null; phone_enc: string | null; sku: string; case_no: string | null }>(
    await db.execute(sql`
      select o.order_no, o.tracking_no, o.recipient_phone_enc as phone_enc,
        (select sku from order_items where order_id = o.id limit 1) as sku,
        (select case_no from cases where order_id = o.id limit 1) as case_no
      from orders o tablesample system (2) where o.tracking_no is not null limit 200`),
  );
  const orders = sample.map((s) => ({ ...s, phone: s.phone_enc ? decrypt(s.phone_enc) : null }));
  const withCase = orders.filter((o) => o.case_no);
  const at = <T>(list: T[], n: number) => list[n % list.length]!;
  let deep: string | null = (await listCases({ ctx: agent, input: {} })).nextCursor;
  for (let k = 0; k < 40 && deep; k++) deep = (await listCases({ ctx: agent, input: { cursor: deep } })).nextCursor;
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

  const ops: Op[] = [
    { name: 'case queue: first page', run: () => listCases({ ctx: agent, input: {} }) },
    { name: 'case queue: page 41', run: () => listCases({ ctx: agent, input: { cursor: deep ?? undefined } }) },
    { name: 'order search: number', run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).order_no } }) },
    { name: 'order search: phone', run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).phone ?? '', field: 'phone' } }) },
    { name: 'order search: tracking', run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).tracking_no ?? '', field: 'tracking' } }) },
    { name: 'order search: SKU', run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).sku, field: 'sku' } }) },
    { name: 'order detail', run: (n) => getOrder({ ctx: agent, input: { orderNo: at(orders, n).order_no } }) },
    { name: 'case detail', run: (n) => getCase({ ctx: agent, input: { caseNo: at(withCase, n).case_no } }) },
    { name: 'dashboard: 90 days', run: () => getDashboard({ ctx: supervisor, input: { from: day(89), to: day(0) } }), parallel: true },
  ];

  const replay = replayer(handle);
  const results: Result[] = [];
  console.log(`\ntier ${tier} on ${handle.kind}: ${ITER} iterations after ${WARMUP} warm-up runs\n`);
  console.log(`${'operation'.padEnd(28)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'raw p95'.padStart(8)} ${'ratio'.padStart(6)}`);
  for (const op of ops) {
    // Each lib run records the statements it sends (pushing to an array: no measurable cost), so
    // the raw replay runs exactly the same statements with the same samples.
    const captured: Captured[] = [];
    const lib = await time(async (n) => {
      recorder.recording = [];
      await op.run(n);
      captured[n] = recorder.recording;
      recorder.recording = null;
    });
    const raw = captured[0]?.length ? await time((n) => replay(captured[n]!, !!op.parallel)) : null;
    const r: Result = {
      name: op.name,
      tier,
      p50_ms: round(pct(lib, 50)),
      p95_ms: round(pct(lib, 95)),
      p99_ms: round(pct(lib, 99)),
      raw_p95_ms: raw ? round(pct(raw, 95)) : null,
      ratio: raw ? round(pct(lib, 95) / pct(raw, 95)) : null,
    };
    results.push(r);
    const f = (n: number | null) => (n === null ? '—' : n.toFixed(2)).padStart(8);
    console.log(`${op.name.padEnd(28)} ${f(r.p50_ms)} ${f(r.p95_ms)} ${f(r.p99_ms)} ${f(r.raw_p95_ms)} ${(r.ratio === null ? '—' : r.ratio.toFixed(2)).padStart(6)}`);
  }
  const file = path.resolve('bench', 'results.json');
  const previous: Result[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Result[]) : [];
  fs.writeFileSync(file, `${JSON.stringify([...previous.filter((r) => r.tier !== tier), ...results], null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  await closeDb();
}

main().catch(async (err) => {
  console.error(err);
  await closeDb().catch(() => {});
  process.exit(1);
});
