import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { transaction } from '@/db/tx';
import { env } from '@/lib/env';
import { CASE_RECOMPUTES } from './recompute/cases';
import { FEEDBACK_RECOMPUTES } from './recompute/feedback';
import { ORDER_RECOMPUTES } from './recompute/orders';

/**
 * Keeps the rollup tables (db/schema/analytics.ts) current. Triggers mark the hours in which
 * source rows changed (rollup_dirty); this recomputes every shop day those hours touch, whole, from
 * the source rows of that day — so edits, deletions and late answers all come out exactly as a
 * fresh aggregate would. Docs: docs/decisions/0007-rollups.md.
 */

/** Dirty hours claimed per transaction: a rebuild of years of data proceeds in steps of this size. */
const HOURS_PER_STEP = 500;

/** Every rollup's recompute for one day (lib/analytics/recompute). New rollups add theirs there. */
const RECOMPUTES = [...FEEDBACK_RECOMPUTES, ...ORDER_RECOMPUTES, ...CASE_RECOMPUTES];

const ROLLUP_TABLES = RECOMPUTES.map((r) => r.table);

/** Recomputes one shop day in every rollup, serialised per day across app instances. */
async function recomputeDay(tx: Tx, day: string, tz: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(70070, (${day}::date - date '2000-01-01'))`);
  const [bounds] = rowsOf<{ start: string; end: string }>(
    await tx.execute(sql`
      select ((${day}::date)::timestamp at time zone ${tz})::text as start,
        ((${day}::date + 1)::timestamp at time zone ${tz})::text as end`),
  );
  for (const r of RECOMPUTES) {
    await tx.execute(sql`delete from ${sql.identifier(r.table)} where day = ${day}::date`);
    await r.insert(tx, { day, start: bounds!.start, end: bounds!.end });
  }
}

/**
 * Claims dirty hours and recomputes the shop days they fall on, a step at a time, until none are
 * left (or `maxSteps` is reached). Each step is one transaction: a crash leaves its hours dirty for
 * the next run. Returns how many days were recomputed.
 *
 * By default hours another instance is recomputing are skipped (the job on every instance must
 * not queue behind the others). `waitForOthers` is for callers that read the rollups straight
 * after — a rebuild, a test: it waits for those hours to be committed, so the read sees them.
 */
export async function refreshRollups(opts: { maxSteps?: number; waitForOthers?: boolean } = {}): Promise<number> {
  const tz = env().SHOP_TIMEZONE;
  const lock = opts.waitForOthers ? sql`for update` : sql`for update skip locked`;
  let days = 0;
  for (let step = 0; step < (opts.maxSteps ?? 1000); step++) {
    const claimed = await transaction(async (tx) => {
      const hours = rowsOf<{ at: string }>(
        await tx.execute(sql`
          delete from rollup_dirty where at in (select at from rollup_dirty order by at limit ${HOURS_PER_STEP} ${lock})
          returning at::text as at`),
      );
      if (!hours.length) return 0;
      // An hour can straddle two shop days where the zone's offset is not whole hours.
      const list = `{${hours.map((h) => `"${h.at}"`).join(',')}}`;
      const dayRows = rowsOf<{ day: string }>(
        await tx.execute(sql`
          select distinct d::text as day from (
            select (h at time zone ${tz})::date as d from unnest(${list}::timestamptz[]) h
            union select ((h + interval '59 minutes 59 seconds') at time zone ${tz})::date from unnest(${list}::timestamptz[]) h
          ) x order by 1`),
      );
      for (const { day } of dayRows) await recomputeDay(tx, day, tz);
      days += dayRows.length;
      return hours.length;
    });
    // A waiting claim can come back short when others deleted rows it waited on: go on until empty.
    if (opts.waitForOthers ? claimed === 0 : claimed < HOURS_PER_STEP) break;
  }
  return days;
}

/**
 * From scratch: forgets every rollup row, marks every hour that has source data, and recomputes.
 * For `npm run analytics:rebuild` after a bulk load with triggers off, or a change of the shop's
 * time zone (day boundaries move).
 */
export async function rebuildRollups(): Promise<number> {
  await transaction(async (tx) => {
    for (const table of ROLLUP_TABLES) await tx.execute(sql`delete from ${sql.identifier(table)}`);
    await tx.execute(sql`
      insert into rollup_dirty (at)
      select distinct date_trunc('hour', t) from (
        select created_at as t from feedback
        union all select offered_at from surveys
        union all select unnest(array[placed_at, delivered_at]) from orders
        union all select unnest(array[created_at, first_responded_at, decided_at, completed_at, closed_at]) from cases
      ) x where t is not null
      on conflict do nothing`);
  });
  const days = await refreshRollups({ waitForOthers: true });
  // Fresh statistics: the tables were just refilled, and stale estimates pick poor plans.
  const db = await getDb();
  for (const table of ROLLUP_TABLES) await db.execute(sql`analyze ${sql.identifier(table)}`);
  return days;
}
