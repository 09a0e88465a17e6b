/**
 * CSV export and import throughput (rows per second) for `npm run bench`, through the lib verbs
 * and as the same statements replayed raw. Imports write real orders (tagged BENCH-…) and their
 * raw replays write renamed copies; both are deleted afterwards so the dataset stays as generated.
 */
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/rows';
import type { Ctx } from '@/lib/context';
import { exportOrdersCsv } from '@/lib/orders/export';
import { importOrdersCsv } from '@/lib/orders/import';
import { renaming, type Captured, type Recorder, type Replayer } from './harness';

export type Throughput = { rows: number; lib: number[]; raw: number[] };

const RUNS = Number(process.env.CSV_RUNS ?? 3);
const IMPORT_ORDERS = Number(process.env.IMPORT_ORDERS ?? 500);

/** Exports the orders matching `input` RUNS times (after one warm-up), lib and raw. */
export async function measureExport(
  ctx: Ctx,
  input: Record<string, unknown>,
  recorder: Recorder,
  replay: Replayer,
): Promise<Throughput> {
  const out: Throughput = { rows: 0, lib: [], raw: [] };
  for (let r = 0; r <= RUNS; r++) {
    let lines = 0;
    const t0 = performance.now();
    const captured = await recorder.capture(async () => {
      for await (const chunk of exportOrdersCsv({ ctx, input })) lines += chunk.split('\r\n').length - 1;
    });
    const lib = performance.now() - t0;
    const t1 = performance.now();
    await replay(captured, 'sequential');
    const raw = performance.now() - t1;
    if (r === 0) continue;
    out.rows = lines - 1; // the header
    out.lib.push(lib);
    out.raw.push(raw);
  }
  out.lib.sort((a, b) => a - b);
  out.raw.sort((a, b) => a - b);
  return out;
}

/**
 * The statements of an import, cut into its orders: each starts with the lookup of its
 * (channel, external_id), outside the order's own transaction; the rest ran in that transaction.
 */
function splitByOrder(captured: Captured): Captured[] {
  const groups: Captured[] = [];
  for (const s of captured) {
    if (
      /from "orders" where \("orders"\."channel" = \$1 and "orders"\."external_id" = \$2\)/.test(s.query) ||
      groups.length === 0
    )
      groups.push([s]);
    else groups[groups.length - 1]!.push(s);
  }
  return groups;
}

/** Imports RUNS files of IMPORT_ORDERS one-line orders (after a small warm-up file), lib and raw. */
export async function measureImport(
  db: Db,
  ctx: Ctx,
  samples: { phone: string | null; sku: string }[],
  recorder: Recorder,
  replay: Replayer,
): Promise<Throughput> {
  const tag = `BENCH-${Date.now().toString(36)}`;
  const header = 'channel,external_id,placed_at,status,customer_name,customer_phone,sku,quantity';
  const out: Throughput = { rows: IMPORT_ORDERS, lib: [], raw: [] };
  const written: string[] = [];
  try {
    for (let r = 0; r <= RUNS; r++) {
      const prefix = `${tag}-${r}`;
      const size = r === 0 ? 20 : IMPORT_ORDERS;
      const lines = Array.from({ length: size }, (_, i) => {
        const s = samples[i % samples.length]!;
        return `own_site,${prefix}-${i},2026-11-01T10:00:00+08:00,paid,压测客户,${s.phone ?? ''},${s.sku},1`;
      });
      const body = `${header}\n${lines.join('\n')}\n`;
      let imported = 0;
      const t0 = performance.now();
      const captured = await recorder.capture(async () => {
        const run = importOrdersCsv({
          ctx,
          input: { fileName: 'bench.csv', body: Readable.from([Buffer.from(body)]) },
        });
        for (let step = await run.next(); ; step = await run.next()) {
          if (step.done) {
            imported = step.value.imported;
            break;
          }
        }
      });
      const lib = performance.now() - t0;
      if (imported !== size) throw new Error(`bench import: ${imported} of ${size} orders imported`);

      // The replay writes the same orders under other external ids and order numbers.
      const ids = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
      written.push(...ids, ...ids.map((id) => id.replace(`${prefix}-`, `${prefix}R-`)));
      // By (channel, external_id): its index answers at any size (a LIKE would scan every order).
      const numbers = rowsOf<{ order_no: string }>(
        await db.execute(sql`select order_no from orders where channel = 'own_site' and external_id in ${ids}`),
      );
      const names = new Map<string, string>(numbers.map((n) => [n.order_no, `${n.order_no}R`]));
      for (let i = 0; i < size; i++) names.set(`${prefix}-${i}`, `${prefix}R-${i}`);
      const rewrite = renaming(names);
      const t1 = performance.now();
      for (const [check, ...rest] of splitByOrder(captured)) {
        await replay([check!], 'sequential', rewrite);
        if (rest.length) await replay(rest, 'transaction', rewrite);
      }
      const raw = performance.now() - t1;
      if (r === 0) continue;
      out.lib.push(lib);
      out.raw.push(raw);
    }
  } finally {
    for (let i = 0; i < written.length; i += 1000)
      await db.execute(
        sql`delete from orders where channel = 'own_site' and external_id in ${written.slice(i, i + 1000)}`,
      );
  }
  out.lib.sort((a, b) => a - b);
  out.raw.sort((a, b) => a - b);
  return out;
}
