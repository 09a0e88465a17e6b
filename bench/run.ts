/**
 * npm run bench -- --tier S|M|L
 *
 * Server-side latency of the main operations through the product's own lib code, beside the same
 * SQL run raw through the driver: while an operation runs once, drizzle's logger records every
 * statement it sends; those statements are then replayed directly (postgres.js `unsafe`, or PGlite
 * `query`) and timed the same way. The ratio lib p95 / raw p95 is the cost of everything that is
 * not the database: validation, authorisation, mapping, the ORM.
 *
 * Mutations (create a case, change its status) are replayed in a transaction, as they ran, with
 * the unique values their lib run wrote renamed. CSV export and import are measured in rows per
 * second (bench/csv-ops.ts), the history import in order lines per second (bench/history-import.ts). Then the production build serves the main pages to an HTTP load test
 * at concurrency 10 and 50 (bench/http.ts; skip it with --no-http).
 *
 * Tier S runs on an embedded PGlite under .data/bench-S when DATABASE_URL is not set; M and L need
 * PostgreSQL. Missing data is generated first (bench/generate.ts). Results: a table on stdout and
 * bench/results.json (this tier's rows replaced, other tiers' kept).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { closeDb, openPglite, openPostgres, setDbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { users } from '@/db/schema';
import { getDashboard, getRepeatCustomers } from '@/lib/analytics/dashboard';
import { refreshRollups } from '@/lib/analytics/rollup';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { applyCaseAction, createCase } from '@/lib/cases/mutations';
import { getCase, listCases } from '@/lib/cases/queries';
import { decrypt } from '@/lib/crypto';
import { ensureDataKey } from '@/lib/env';
import { getPublishedArticle } from '@/lib/help/public';
import { searchHelpCenter } from '@/lib/help/reader';
import { getOrder, listOrders } from '@/lib/orders/queries';
import { measureExport, measureImport, type Throughput } from './csv-ops';
import { ensureHelpCorpus } from './help-corpus';
import { measureHistoryImport } from './history-import';
import { generate, TIERS, type Tier } from './generate';
import {
  ITER,
  pct,
  Recorder,
  renaming,
  replayer,
  round,
  time,
  WARMUP,
  type Captured,
  type ReplayMode,
} from './harness';
import { chatLoad } from './chat';
import { httpLoad, type HttpRun } from './http';
import { reportHttp, type HttpRow } from './http/report';

export type Result = {
  name: string;
  tier: Tier;
  /** Null for rows that are not timings (Lighthouse scores, message sizes). */
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  raw_p95_ms: number | null;
  ratio: number | null;
  /** Statements one call (or one page request) sends. */
  statements?: number | null;
  /** Throughput operations (CSV): rows per run and rows per second at the median run. */
  rows?: number;
  rows_per_s?: number;
  raw_rows_per_s?: number;
  /** The chat section (#14). */
  chat_messages_sent?: number;
  chat_messages_delivered?: number;
  chat_streams_dropped?: number;
  rss_per_connection_kb?: number;
} & Partial<Omit<HttpRow, 'name' | 'tier' | 'p50_ms' | 'p95_ms' | 'p99_ms' | 'raw_p95_ms' | 'ratio'>>;

type Op = {
  name: string;
  run: (i: number) => Promise<unknown>;
  replay?: ReplayMode;
  /** For a mutation: renames what run i wrote, so its replay does not collide with it. */
  rewrite?: (i: number) => (v: unknown) => unknown;
};

const f2 = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2)).padStart(9);

async function main() {
  const i = process.argv.indexOf('--tier');
  const tier = ((i > 0 ? process.argv[i + 1] : 'S') ?? 'S').toUpperCase() as Tier;
  if (!(tier in TIERS)) throw new Error(`--tier must be S, M or L (got ${tier})`);
  const url = process.env.DATABASE_URL;
  if (!url && tier !== 'S') throw new Error(`tier ${tier} needs PostgreSQL: set DATABASE_URL`);
  // --only <regexp>: measure just the operations whose names match (e.g. --only 'CSV|create').
  const o = process.argv.indexOf('--only');
  const only = o > 0 ? new RegExp(process.argv[o + 1] ?? '', 'i') : null;
  const wanted = (name: string) => !only || only.test(name);
  const recorder = new Recorder();
  const pgliteDir = path.resolve('.data', 'bench-S', 'pglite');
  const handle = url ? openPostgres(url, { logger: recorder }) : await openPglite(pgliteDir, { logger: recorder });
  ensureDataKey(); // the HTTP test's server needs the same key
  setDbHandle(handle);
  const db = handle.db;
  await migrateDatabase(handle, url);
  const have = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders`))[0]!.n;
  if (have < TIERS[tier].orders * 0.9) await generate(db, tier);

  const actorOf = async (email: string) => {
    const [u] = await db.select().from(users).where(eq(users.email, email));
    return {
      actor: await loadActorBySession(db, await createSession(db, u!.id, { ip: null })),
      ip: null,
      requestId: 'bench',
    };
  };
  const agent = await actorOf('agent@example.com');
  const supervisor = await actorOf('supervisor@example.com');
  const sample = rowsOf<{
    order_no: string;
    tracking_no: string | null;
    phone_enc: string | null;
    sku: string;
    case_no: string | null;
  }>(
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
  const created: string[] = [];

  const ops: Op[] = [
    { name: 'case queue: first page', run: () => listCases({ ctx: agent, input: {} }) },
    { name: 'case queue: page 41', run: () => listCases({ ctx: agent, input: { cursor: deep ?? undefined } }) },
    { name: 'order search: number', run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).order_no } }) },
    {
      name: 'order search: phone',
      run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).phone ?? '', field: 'phone' } }),
    },
    {
      name: 'order search: tracking',
      run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).tracking_no ?? '', field: 'tracking' } }),
    },
    {
      name: 'order search: SKU',
      run: (n) => listOrders({ ctx: agent, input: { q: at(orders, n).sku, field: 'sku' } }),
    },
    { name: 'order detail', run: (n) => getOrder({ ctx: agent, input: { orderNo: at(orders, n).order_no } }) },
    { name: 'case detail', run: (n) => getCase({ ctx: agent, input: { caseNo: at(withCase, n).case_no } }) },
    {
      name: 'dashboard: 90 days',
      run: () => getDashboard({ ctx: supervisor, input: { from: day(89), to: day(0) } }),
      replay: 'parallel',
    },
    {
      name: 'repeat customers: 90 days',
      run: () => getRepeatCustomers({ ctx: supervisor, input: { from: day(89), to: day(0) } }),
    },
    {
      name: 'create case',
      run: async (n) => {
        created[n] = (
          await createCase({
            ctx: agent,
            input: {
              orderNo: at(orders, n).order_no,
              type: 'complaint',
              reason: 'other',
              description: '压测：物流太慢',
            },
          })
        ).caseNo;
      },
      replay: 'transaction',
      rewrite: (n) => renaming(new Map([[created[n]!, `${created[n]!}R`]])),
    },
    {
      // Each case created above, once: open → waiting on the customer.
      name: 'change case status',
      run: (n) => applyCaseAction({ ctx: agent, input: { caseNo: created[n]!, version: 1, action: 'await_customer' } }),
      replay: 'transaction',
    },
  ];

  // The help center (#13): its searches over 10,000 articles, as an anonymous visitor runs them.
  const visitor = { actor: null, ip: '203.0.113.7', requestId: 'bench' };
  const zhQueries = ['七天无理由退货', '退货运费谁出', '退款多久到账', '保修期内维修', '价保怎么申请', '签收破损'];
  const enQueries = ['how long does a refund take', 'return shipping cost', 'cancel my order', 'warranty repair'];
  const skuTypos = ['PH-X21-128', 'AP-RC3OO', 'LP-PR014', 'EB-AIR4'];
  ops.push(
    {
      name: 'help search: Chinese',
      run: (n) => searchHelpCenter({ ctx: visitor, input: { q: at(zhQueries, n), locale: 'zh-CN' } }),
    },
    {
      name: 'help search: English',
      run: (n) => searchHelpCenter({ ctx: visitor, input: { q: at(enQueries, n), locale: 'en' } }),
    },
    {
      // The typo fallback lowers pg_trgm's threshold with `set local`, inside a transaction.
      name: 'help search: SKU typo',
      run: (n) => searchHelpCenter({ ctx: visitor, input: { q: at(skuTypos, n), locale: 'zh-CN' } }),
      replay: 'transaction',
    },
    { name: 'help article', run: () => getPublishedArticle('seven-day-return', 'zh-CN') },
  );
  if (ops.some((op) => op.name.startsWith('help') && wanted(op.name))) await ensureHelpCorpus(db);

  const replay = replayer(handle);
  const results: Result[] = [];
  console.log(`\ntier ${tier} on ${handle.kind}: ${ITER} iterations after ${WARMUP} warm-up runs\n`);
  console.log(
    `${'operation'.padEnd(28)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'raw p95'.padStart(9)} ${'ratio'.padStart(6)}`,
  );
  const report = (r: Result, extra = '') => {
    results.push(r);
    console.log(
      `${r.name.padEnd(28)} ${f2(r.p50_ms)} ${f2(r.p95_ms)} ${f2(r.p99_ms)} ${f2(r.raw_p95_ms)} ${(r.ratio === null ? '—' : r.ratio.toFixed(2)).padStart(6)}${extra}`,
    );
  };
  for (const op of ops.filter((x) => wanted(x.name))) {
    // Each lib run records the statements it sends, so the raw replay runs exactly the same
    // statements with the same samples.
    const captured: Captured[] = [];
    const lib = await time(async (n) => {
      captured[n] = await recorder.capture(() => op.run(n));
    });
    const raw = captured[0]?.length
      ? await time((n) => replay(captured[n]!, op.replay ?? 'sequential', op.rewrite?.(n)))
      : null;
    report(
      {
        name: op.name,
        tier,
        p50_ms: round(pct(lib, 50)),
        p95_ms: round(pct(lib, 95)),
        p99_ms: round(pct(lib, 99)),
        raw_p95_ms: raw ? round(pct(raw, 95)) : null,
        ratio: raw ? round(pct(lib, 95) / pct(raw, 95)) : null,
        statements: captured[WARMUP]?.length ?? 0,
      },
      `   ${captured[WARMUP]?.length ?? 0} statements`,
    );
  }
  // The replays of "create case" wrote renamed copies: remove them (their items and events cascade).
  const copies = created.filter(Boolean).map((c) => `${c}R`);
  if (copies.length) await db.execute(sql`delete from cases where case_no in ${copies}`);

  const throughput = (name: string, t: Throughput) =>
    report(
      {
        name,
        tier,
        p50_ms: round(pct(t.lib, 50)),
        p95_ms: round(pct(t.lib, 95)),
        p99_ms: round(pct(t.lib, 99)),
        raw_p95_ms: round(pct(t.raw, 95)),
        ratio: round(pct(t.lib, 95) / pct(t.raw, 95)),
        rows: t.rows,
        rows_per_s: Math.round((t.rows / pct(t.lib, 50)) * 1000),
        raw_rows_per_s: Math.round((t.rows / pct(t.raw, 50)) * 1000),
      },
      `   ${t.rows} rows, ${Math.round((t.rows / pct(t.lib, 50)) * 1000)} rows/s (raw ${Math.round((t.rows / pct(t.raw, 50)) * 1000)})`,
    );
  if (wanted('CSV export'))
    throughput('CSV export', await measureExport(supervisor, { channel: 'offline' }, recorder, replay));
  if (wanted('CSV import')) throughput('CSV import', await measureImport(db, supervisor, orders, recorder, replay));
  // Rows are CSV order lines here (issue #12's target: ≥ 2,000 lines/s at tier M).
  if (wanted('CSV history import'))
    throughput('CSV history import', await measureHistoryImport(db, supervisor, orders, recorder, replay));

  let http: HttpRun | null = null;
  // The server opens the database itself: an embedded one must be released first.
  const dbEnv: Record<string, string> = url
    ? { DATABASE_URL: url, DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY! }
    : { PGLITE_DIR: pgliteDir, DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY! };
  if (!process.argv.includes('--no-http') && wanted('GET /')) {
    const visitor = (path: string) => ({ path, as: 'anonymous' as const });
    const customer = (path: string) => ({ path, as: 'customer' as const });
    const allPages = {
      '/desk/cases': '/desk/cases',
      '/desk/orders': '/desk/orders',
      '/desk/orders/[no]': `/desk/orders/${orders[0]!.order_no}`,
      '/desk/cases/[no]': `/desk/cases/${withCase[0]!.case_no}`,
      '/desk/reports': '/desk/reports',
      '/portal': customer('/portal'),
      '/portal/orders': customer('/portal/orders'),
      '/sign-in': visitor('/sign-in'),
      '/help': visitor('/help'),
      '/help/[slug]': visitor('/help/seven-day-return'),
      '/help/search': visitor(`/help/search?q=${encodeURIComponent('退货运费')}`),
    };
    // HTTP_PAGES=<regexp> measures just the pages whose names match (while working on one).
    const pageFilter = process.env.HTTP_PAGES ? new RegExp(process.env.HTTP_PAGES) : null;
    const pages = Object.fromEntries(Object.entries(allPages).filter(([name]) => !pageFilter || pageFilter.test(name)));
    // Roll up what the mutations above changed now, so the server's job does not do it while measured.
    await refreshRollups();
    await closeDb();
    console.log(`\nHTTP load test (${process.env.HTTP_SECONDS ?? 10} s per run)`);
    http = await httpLoad(dbEnv, pages);
    results.push(...reportHttp(tier, http));
  }
  if (!process.argv.includes('--no-http') && wanted('chat delivery')) {
    await closeDb();
    const chat = await chatLoad(dbEnv);
    console.log(
      `\nchat: ${chat.connections} streams for ${chat.seconds} s, ${chat.sent} messages sent, ${chat.delivered} delivered, ` +
        `${chat.dropped} streams dropped; delivery p50 ${chat.p50_ms} ms, p95 ${chat.p95_ms} ms; ` +
        `RSS ${chat.rss_idle_mb} → ${chat.rss_open_mb} MB (${chat.rss_per_connection_kb} KB per connection)`,
    );
    results.push({
      name: `chat delivery (${chat.connections} connections)`,
      tier,
      p50_ms: chat.p50_ms,
      p95_ms: chat.p95_ms,
      p99_ms: chat.p99_ms,
      raw_p95_ms: null,
      ratio: null,
      connections: chat.connections,
      chat_messages_sent: chat.sent,
      chat_messages_delivered: chat.delivered,
      chat_streams_dropped: chat.dropped,
      rss_idle_mb: chat.rss_idle_mb,
      peak_rss_mb: chat.rss_open_mb,
      rss_per_connection_kb: chat.rss_per_connection_kb,
    });
  }
  // #13's target: the public article page at ≥ 5× the throughput of a signed-in desk page.
  const rps = (name: string) =>
    http?.pages.find((h) => h.name === name && h.connections === 10 && h.processes === 1)?.requests_per_s;
  const article = rps('GET /help/[slug]');
  const desk = rps('GET /desk/cases');
  if (article && desk)
    console.log(`\n/help/[slug] serves ${(article / desk).toFixed(1)}× the requests of /desk/cases (c=10)`);
  const file = path.resolve('bench', 'results.json');
  const previous: Result[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Result[]) : [];
  // A full run replaces the tier's rows; a run with --only replaces just the rows it measured.
  const keep = (r: Result) => r.tier !== tier || (only !== null && !results.some((x) => x.name === r.name));
  fs.writeFileSync(file, `${JSON.stringify([...previous.filter(keep), ...results], null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  await closeDb();
  process.exit(0);
}

main().catch(async (err) => {
  console.error(err);
  await closeDb().catch(() => {});
  process.exit(1);
});
