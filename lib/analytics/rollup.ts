import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { transaction } from '@/db/tx';
import { env } from '@/lib/env';

/**
 * Keeps the rollup tables (db/schema/analytics.ts) current. Triggers mark the hours in which
 * source rows changed (rollup_dirty); this recomputes every shop day those hours touch, whole, from
 * the source rows of that day — so edits, deletions and late answers all come out exactly as a
 * fresh aggregate would. Docs: docs/decisions/0007-rollups.md.
 */

/** Dirty hours claimed per transaction: a rebuild of years of data proceeds in steps of this size. */
const HOURS_PER_STEP = 500;

type DayRecompute = (tx: Tx, day: string, start: string, end: string) => Promise<void>;

/** Every rollup's recompute for one day. New rollups add theirs here. */
const RECOMPUTES: DayRecompute[] = [
  async (tx, day, start, end) => {
    await tx.execute(sql`delete from rollup_feedback_daily where day = ${day}`);
    await tx.execute(sql`
      insert into rollup_feedback_daily (day, kind, score, category_id, n)
      select ${day}::date, kind::text, score, category_id, count(*)::int from feedback
      where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
      group by kind, score, category_id`);
  },
  async (tx, day, start, end) => {
    await tx.execute(sql`delete from rollup_feedback_products_daily where day = ${day}`);
    await tx.execute(sql`
      insert into rollup_feedback_products_daily (day, product_id, total, complaints, csat_n, csat_good, nps_n, nps_promoters, nps_detractors)
      select ${day}::date, product_id, count(*)::int,
        count(*) filter (where kind = 'complaint')::int,
        count(*) filter (where kind = 'csat')::int, count(*) filter (where kind = 'csat' and score >= 4)::int,
        count(*) filter (where kind = 'nps')::int, count(*) filter (where kind = 'nps' and score >= 9)::int,
        count(*) filter (where kind = 'nps' and score <= 6)::int
      from feedback
      where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz and product_id is not null
      group by product_id`);
  },
  async (tx, day, start, end) => {
    await tx.execute(sql`delete from rollup_feedback_agents_daily where day = ${day}`);
    await tx.execute(sql`
      insert into rollup_feedback_agents_daily (day, agent_id, csat_n, csat_good)
      select ${day}::date, agent_id, count(*)::int, count(*) filter (where score >= 4)::int from feedback
      where kind = 'csat' and agent_id is not null and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
      group by agent_id`);
  },
  async (tx, day, start, end) => {
    await tx.execute(sql`delete from rollup_feedback_words_daily where day = ${day}`);
    await tx.execute(sql`
      insert into rollup_feedback_words_daily (day, word, n)
      select ${day}::date, w, count(*)::int from feedback f, unnest(f.words) as w
      where f.created_at >= ${start}::timestamptz and f.created_at < ${end}::timestamptz
      group by w`);
  },
  async (tx, day, start, end) => {
    await tx.execute(sql`delete from rollup_surveys_daily where day = ${day}`);
    await tx.execute(sql`
      insert into rollup_surveys_daily (day, kind, offered)
      select ${day}::date, kind::text, count(*)::int from surveys
      where offered_at >= ${start}::timestamptz and offered_at < ${end}::timestamptz
      group by kind`);
  },
];

const ROLLUP_TABLES = ['rollup_feedback_daily', 'rollup_feedback_products_daily', 'rollup_feedback_agents_daily', 'rollup_feedback_words_daily', 'rollup_surveys_daily'];

/** Recomputes one shop day in every rollup, serialised per day across app instances. */
async function recomputeDay(tx: Tx, day: string, tz: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(70070, (${day}::date - date '2000-01-01'))`);
  const [bounds] = rowsOf<{ start: string; end: string }>(
    await tx.execute(sql`
      select ((${day}::date)::timestamp at time zone ${tz})::text as start,
        ((${day}::date + 1)::timestamp at time zone ${tz})::text as end`),
  );
  for (const recompute of RECOMPUTES) await recompute(tx, day, bounds!.start, bounds!.end);
}

/**
 * Claims dirty hours and recomputes the shop days they fall on, a step at a time, until none are
 * left (or `maxSteps` is reached). Each step is one transaction: a crash leaves its hours dirty for
 * the next run. Returns how many days were recomputed.
 */
export async function refreshRollups(opts: { maxSteps?: number } = {}): Promise<number> {
  const tz = env().SHOP_TIMEZONE;
  let days = 0;
  for (let step = 0; step < (opts.maxSteps ?? 1000); step++) {
    const claimed = await transaction(async (tx) => {
      const hours = rowsOf<{ at: string }>(
        await tx.execute(sql`
          delete from rollup_dirty where at in (select at from rollup_dirty order by at limit ${HOURS_PER_STEP} for update skip locked)
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
    if (claimed < HOURS_PER_STEP) break;
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
    for (const table of ROLLUP_TABLES) await tx.execute(sql.raw(`delete from ${table}`));
    await tx.execute(sql`
      insert into rollup_dirty (at)
      select distinct date_trunc('hour', created_at) from feedback
      union select distinct date_trunc('hour', offered_at) from surveys
      on conflict do nothing`);
  });
  return refreshRollups();
}
