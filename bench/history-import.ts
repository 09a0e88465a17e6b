/**
 * History import throughput for `npm run bench` (issue #12: ≥ 2,000 order lines/s at tier M on
 * PostgreSQL). A file of HISTORY_LINES order lines — delivered and completed orders of the last
 * 60 days, one to three lines each, with lifecycle times and no tracking numbers, bought by
 * existing customers — goes through the history import (lib verbs, set-wise batches, rollups
 * refreshed at the end). Its statements are recorded; the orders are then deleted and the very same
 * statements replayed raw (the batched multi-row INSERTs without the app around them), which is the
 * floor the import is measured against. Everything written is deleted afterwards.
 */
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/rows';
import type { Ctx } from '@/lib/context';
import { importOrdersCsv } from '@/lib/orders/import';
import type { Throughput } from './csv-ops';
import type { Recorder, Replayer } from './harness';

const RUNS = Number(process.env.HISTORY_RUNS ?? 2);
const LINES = Number(process.env.HISTORY_LINES ?? 30_000);
const DAY = 86_400_000;

const HEADER =
  'channel,external_id,placed_at,status,customer_name,customer_phone,sku,quantity,unit_price,paid_at,shipped_at,delivered_at,completed_at';

/** A history file of about `lines` order lines, and the external ids of its orders. */
export function historyFile(
  prefix: string,
  lines: number,
  samples: { phone: string; sku: string }[],
): { body: string; ids: string[] } {
  const out = [HEADER];
  const ids: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = Date.now();
  for (let n = 0; out.length - 1 < lines; n++) {
    const s = samples[n % samples.length]!;
    const id = `${prefix}-${n}`;
    ids.push(id);
    const placed = now - (3 + (n % 58)) * DAY - (n % 1440) * 60_000;
    const completed = n % 3 !== 0;
    const times = [
      iso(placed + 600_000),
      iso(placed + DAY),
      iso(placed + 2 * DAY),
      completed ? iso(placed + 2 * DAY + 3_600_000) : '',
    ];
    const count = 1 + (n % 3);
    for (let i = 0; i < count; i++) {
      const sku = samples[(n + i * 7) % samples.length]!.sku;
      out.push(
        i === 0
          ? `own_site,${id},${iso(placed)},${completed ? 'completed' : 'delivered'},压测顾客,${s.phone},${sku},${1 + (i % 2)},19.90,${times.join(',')}`
          : `own_site,${id},,,,,${sku},1,9.90,,,,`,
      );
    }
  }
  return { body: `${out.join('\n')}\n`, ids };
}

/** The id range the import gave its orders; it must be contiguous (one writer) for the replay's shift. */
async function idShift(db: Db, ids: string[]): Promise<{ min: number; max: number }> {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const [r] = rowsOf<{ min: string; max: string; n: number }>(
      await db.execute(
        sql`select min(id)::text as min, max(id)::text as max, count(*)::int as n from orders where channel = 'own_site' and external_id in ${ids.slice(i, i + 1000)}`,
      ),
    );
    min = Math.min(min, Number(r!.min));
    max = Math.max(max, Number(r!.max));
    n += r!.n;
  }
  if (max - min + 1 !== n) throw new Error('bench history import: the orders ids are not contiguous (another writer?)');
  return { min, max };
}

async function deleteOrders(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await db.execute(sql`delete from orders where channel = 'own_site' and external_id in ${ids.slice(i, i + 1000)}`);
}

/** RUNS history files of LINES lines (after a small warm-up file), lib and raw, in lines per second. */
export async function measureHistoryImport(
  db: Db,
  ctx: Ctx,
  samples: { phone: string | null; sku: string }[],
  recorder: Recorder,
  replay: Replayer,
): Promise<Throughput> {
  // Distinct SKUs (a line per SKU per order) and buyers we know by phone, so no customer is created.
  const known = samples.filter((s): s is { phone: string; sku: string } => !!s.phone);
  if (!known.length) throw new Error('bench history import: no sampled order has a phone number');
  const tag = `HIST-${Date.now().toString(36)}`;
  const out: Throughput = { rows: 0, lib: [], raw: [] };
  const written: string[] = [];
  try {
    for (let r = 0; r <= RUNS; r++) {
      const { body, ids } = historyFile(`${tag}-${r}`, r === 0 ? 600 : LINES, known);
      written.push(...ids);
      const lines = body.split('\n').length - 2;
      let result: { imported: number; rejected: number; report: { code: string; field: string }[] } = {
        imported: 0,
        rejected: 0,
        report: [],
      };
      const t0 = performance.now();
      const captured = await recorder.capture(async () => {
        const run = importOrdersCsv({
          ctx,
          input: { fileName: 'history.csv', body: Readable.from([Buffer.from(body)]), options: { history: true } },
        });
        for (let step = await run.next(); ; step = await run.next()) {
          if (step.done) {
            result = step.value;
            break;
          }
        }
      });
      const lib = performance.now() - t0;
      if (result.imported !== ids.length)
        throw new Error(
          `bench history import: ${result.imported} of ${ids.length} orders imported (${result.rejected} rejected: ${JSON.stringify(result.report.slice(0, 3))})`,
        );
      // The replay writes the same rows again: make room for them, then time the bare statements.
      // Order ids come from an identity column, so the replayed orders get new ones: the lines and
      // timeline entries the statements carry are moved from the old id range to the new one.
      const shift = await idShift(db, ids);
      await deleteOrders(db, ids);
      const next = rowsOf<{ n: string }>(
        await db.execute(
          sql`select (case when is_called then last_value + 1 else last_value end)::text as n from orders_id_seq`,
        ),
      )[0]!;
      const offset = Number(next.n) - shift.min;
      const t1 = performance.now();
      const moved = (n: number) => (n >= shift.min && n <= shift.max ? n + offset : n);
      // Ids travel as numbers, or inside the array literals of the bulk INSERT … unnest statements.
      const rewrite = (v: unknown) =>
        typeof v === 'number'
          ? moved(v)
          : typeof v === 'string' && v.startsWith('{"')
            ? v.replace(/"(\d+)"/g, (_, d: string) => `"${moved(Number(d))}"`)
            : v;
      await replay(captured, 'sequential', rewrite);
      const raw = performance.now() - t1;
      if (r === 0) continue;
      out.rows = lines;
      out.lib.push(lib);
      out.raw.push(raw);
    }
  } finally {
    await deleteOrders(db, written);
  }
  out.lib.sort((a, b) => a - b);
  out.raw.sort((a, b) => a - b);
  return out;
}
