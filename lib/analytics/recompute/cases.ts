import { sql, type SQL } from 'drizzle-orm';
import { onDay, type DayBounds, type Recompute } from './types';

/**
 * The cases touching a day through any of their event times, with the dimensions reports filter
 * by: the order's channel, the main product (first item) and its category. Each column has an
 * index, so this is a BitmapOr of five range scans.
 */
const casesOfDay = (d: DayBounds): SQL => sql`
  select c.*, o.channel::text as order_channel, mp.product_id as main_product_id, coalesce(p.category, '') as main_category,
    coalesce(c.completed_at, case when c.status = 'cancelled' then c.closed_at end) as finished_at
  from cases c
  join orders o on o.id = c.order_id
  left join lateral (
    select oi.product_id from case_items ci join order_items oi on oi.id = ci.order_item_id
    where ci.case_id = c.id order by ci.id limit 1
  ) mp on true
  left join products p on p.id = mp.product_id
  where ${onDay(sql`c.created_at`, d)} or ${onDay(sql`c.first_responded_at`, d)} or ${onDay(sql`c.decided_at`, d)}
     or ${onDay(sql`c.completed_at`, d)} or ${onDay(sql`c.closed_at`, d)}`;

const minutes = (from: SQL, to: SQL) => sql`extract(epoch from (${to} - ${from})) / 60`;

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
        insert into rollup_cases_daily (day, type, reason, channel, product_id, category, team_id, opened, refund_cents, compensation_cents,
          freight_cents, finished, resolved, resolution_minutes, resolution_met, first_responses, first_response_minutes, first_response_met,
          decisions, decision_met)
        select ${d.day}::date, type::text, reason, order_channel, main_product_id, main_category, team_id,
          count(*) filter (where ${created})::int,
          coalesce(sum(refund_cents) filter (where ${created}), 0),
          coalesce(sum(compensation_cents) filter (where ${created}), 0),
          coalesce(sum(return_freight_cents) filter (where ${created}), 0),
          count(*) filter (where ${onDay(sql`finished_at`, d)})::int,
          count(*) filter (where ${resolved})::int,
          coalesce(round(sum(${minutes(sql`created_at`, sql`completed_at`)}) filter (where ${resolved})), 0),
          count(*) filter (where ${resolved} and (resolution_due_at is null or completed_at <= resolution_due_at))::int,
          count(*) filter (where ${responded})::int,
          coalesce(round(sum(${minutes(sql`created_at`, sql`first_responded_at`)}) filter (where ${responded})), 0),
          count(*) filter (where ${responded} and (first_response_due_at is null or first_responded_at <= first_response_due_at))::int,
          count(*) filter (where ${decided})::int,
          count(*) filter (where ${decided} and (decision_due_at is null or decided_at <= decision_due_at))::int
        from (${casesOfDay(d)}) c
        group by type, reason, order_channel, main_product_id, main_category, team_id`);
    },
  },
  // Summaries of the day's rollup_cases_daily rows just written above (RECOMPUTES run in order).
  {
    table: 'rollup_cases_channel_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_cases_channel_daily (day, channel, opened, refund_cents, compensation_cents, freight_cents, finished, resolved,
          resolution_minutes, resolution_met, first_responses, first_response_minutes, first_response_met, decisions, decision_met)
        select day, channel, sum(opened), sum(refund_cents), sum(compensation_cents), sum(freight_cents), sum(finished), sum(resolved),
          sum(resolution_minutes), sum(resolution_met), sum(first_responses), sum(first_response_minutes), sum(first_response_met),
          sum(decisions), sum(decision_met)
        from rollup_cases_daily where day = ${d.day}::date group by day, channel`),
  },
  {
    table: 'rollup_case_mix_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_case_mix_daily (day, channel, dim, key, reason, opened, cost_cents)
        select day, coalesce(channel, '*'), dim, key, reason, sum(opened), sum(cost) from (
          select day, channel, 'type' as dim, type as key, '' as reason, opened, refund_cents + compensation_cents + freight_cents as cost from rollup_cases_daily where day = ${d.day}::date
          union all select day, channel, 'reason', reason, '', opened, refund_cents + compensation_cents + freight_cents from rollup_cases_daily where day = ${d.day}::date
          union all select day, channel, 'category', category, '', opened, refund_cents + compensation_cents + freight_cents from rollup_cases_daily where day = ${d.day}::date and category <> ''
          union all select day, channel, 'product', product_id::text, reason, opened, refund_cents + compensation_cents + freight_cents from rollup_cases_daily where day = ${d.day}::date and product_id is not null
        ) x
        where opened > 0 or cost <> 0
        -- Per channel, and once more for all channels ('*'): each query reads only its own slice.
        group by grouping sets ((day, channel, dim, key, reason), (day, dim, key, reason))`),
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
