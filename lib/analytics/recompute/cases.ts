import { sql, type SQL } from 'drizzle-orm';
import { onDay, type DayBounds, type Recompute } from './types';

/**
 * The cases touching a day through any of their event times, with the dimensions reports filter
 * by (kept on the case: the order's channel, the main product and its category). Each event time
 * has an index, so this is a BitmapOr of five range scans with no joins.
 */
const casesOfDay = (d: DayBounds): SQL => sql`
  select c.*, coalesce(c.completed_at, case when c.status = 'cancelled' then c.closed_at end) as finished_at
  from cases c
  where ${onDay(sql`c.created_at`, d)} or ${onDay(sql`c.first_responded_at`, d)} or ${onDay(sql`c.decided_at`, d)}
     or ${onDay(sql`c.completed_at`, d)} or ${onDay(sql`c.closed_at`, d)}`;

const minutes = (from: SQL, to: SQL) => sql`extract(epoch from (${to} - ${from})) / 60`;

/** The measures of rollup_cases_daily, summed as they are into its slice summary. */
const MEASURES = [
  'opened',
  'refund_cents',
  'compensation_cents',
  'freight_cents',
  'finished',
  'resolved',
  'resolution_minutes',
  'resolution_met',
  'first_responses',
  'first_response_minutes',
  'first_response_met',
  'decisions',
  'decision_met',
  'still_open',
] as const;

/**
 * The report slices a fine rollup row belongs to: all cases, its channel, its category (if it has
 * a product) and its team (if routed). A dashboard with at most one filter reads one slice.
 */
const SLICES = sql`(values ('*'), ('channel:' || r.channel), (case when r.category <> '' then 'category:' || r.category end),
  (case when r.team_id is not null then 'team:' || r.team_id::text end)) s(slice)`;

/**
 * After-sales rollups. A deadline without a target (null) counts as met: there was nothing to miss.
 */
export const CASE_RECOMPUTES: Recompute[] = [
  {
    table: 'rollup_cases_daily',
    insert: (tx, d) => {
      const created = onDay(sql`created_at`, d);
      const resolved = onDay(sql`completed_at`, d);
      const responded = onDay(sql`first_responded_at`, d);
      const decided = onDay(sql`decided_at`, d);
      return tx.execute(sql`
        insert into rollup_cases_daily (day, type, reason, channel, product_id, category, team_id, ${sql.raw(MEASURES.join(', '))})
        select ${d.day}::date, type::text, reason, coalesce(order_channel::text, ''), main_product_id, main_category, team_id,
          count(*) filter (where ${created})::int,
          coalesce(sum(refund_cents) filter (where ${created}), 0),
          coalesce(sum(compensation_cents) filter (where ${created}), 0),
          -- Return postage is an after-sales cost only where the shop pays it (#18).
          coalesce(sum(return_freight_cents) filter (where ${created} and return_freight_payer = 'shop'), 0),
          count(*) filter (where ${onDay(sql`finished_at`, d)})::int,
          count(*) filter (where ${resolved})::int,
          coalesce(round(sum(${minutes(sql`created_at`, sql`completed_at`)}) filter (where ${resolved})), 0),
          count(*) filter (where ${resolved} and (resolution_due_at is null or completed_at <= resolution_due_at))::int,
          count(*) filter (where ${responded})::int,
          coalesce(round(sum(${minutes(sql`created_at`, sql`first_responded_at`)}) filter (where ${responded})), 0),
          count(*) filter (where ${responded} and (first_response_due_at is null or first_responded_at <= first_response_due_at))::int,
          count(*) filter (where ${decided})::int,
          count(*) filter (where ${decided} and (decision_due_at is null or decided_at <= decision_due_at))::int,
          -- A case's every change re-rolls its creation day (the dirty trigger marks created_at), so
          -- this stays current as cases finish.
          count(*) filter (where ${created} and status not in ('closed', 'cancelled') and completed_at is null)::int
        from (${casesOfDay(d)}) c
        group by type, reason, order_channel, main_product_id, main_category, team_id`);
    },
  },
  // Summaries of the day's rollup_cases_daily rows just written above (RECOMPUTES run in order).
  {
    table: 'rollup_cases_slice_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_cases_slice_daily (day, slice, ${sql.raw(MEASURES.join(', '))})
        select r.day, s.slice, ${sql.raw(MEASURES.map((m) => `sum(r.${m})`).join(', '))}
        from rollup_cases_daily r cross join lateral ${SLICES}
        where r.day = ${d.day}::date and s.slice is not null
        group by r.day, s.slice`),
  },
  {
    table: 'rollup_case_mix_slice_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_case_mix_slice_daily (day, slice, dim, key, reason, opened, cost_cents)
        select r.day, s.slice, x.dim, x.key, x.reason, sum(r.opened), sum(r.refund_cents + r.compensation_cents + r.freight_cents)
        from rollup_cases_daily r
        cross join lateral (values ('type', r.type, ''), ('reason', r.reason, ''), ('category', r.category, ''), ('product', r.product_id::text, r.reason)) x(dim, key, reason)
        cross join lateral ${SLICES}
        where r.day = ${d.day}::date and s.slice is not null and x.key is not null and x.key <> ''
          and (r.opened > 0 or r.refund_cents + r.compensation_cents + r.freight_cents <> 0)
        group by r.day, s.slice, x.dim, x.key, x.reason`),
  },
  {
    table: 'rollup_agents_daily',
    insert: (tx, d) => {
      const resolved = onDay(sql`completed_at`, d);
      const responded = onDay(sql`first_responded_at`, d);
      return tx.execute(sql`
        insert into rollup_agents_daily (day, agent_id, resolved, resolution_minutes, first_responses)
        select ${d.day}::date, assignee_id,
          count(*) filter (where ${resolved})::int,
          coalesce(round(sum(${minutes(sql`created_at`, sql`completed_at`)}) filter (where ${resolved})), 0),
          count(*) filter (where ${responded})::int
        from cases
        where assignee_id is not null and (${resolved} or ${responded})
        group by assignee_id`);
    },
  },
];
