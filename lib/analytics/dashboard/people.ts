import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { env } from '@/lib/env';
import { inPeriod, type Period, type ReportInput } from './input';

export type AgentRow = { agentId: string; name: string; resolved: number; resolutionAvgMinutes: number | null; firstResponses: number; csatAnswered: number; csatPercent: number | null };

/** Per agent in the period: throughput, resolution time and CSAT; a team filter keeps its members. */
export async function agentFigures(db: Queryable, f: ReportInput, cur: Period): Promise<AgentRow[]> {
  const team = f.teamId ? sql`and x.agent_id in (select user_id from team_members where team_id = ${f.teamId})` : sql``;
  const rows = rowsOf<{ id: string; name: string; resolved: number; res_min: string; fr: number; csat_n: number; csat_good: number }>(
    await db.execute(sql`
      select x.agent_id::text as id, u.name, sum(x.resolved)::int as resolved, sum(x.res_min) as res_min, sum(x.fr)::int as fr,
        sum(x.csat_n)::int as csat_n, sum(x.csat_good)::int as csat_good
      from (
        select agent_id, resolved, resolution_minutes as res_min, first_responses as fr, 0 as csat_n, 0 as csat_good from rollup_agents_daily where ${inPeriod(cur)}
        union all
        select agent_id, 0, 0, 0, csat_n, csat_good from rollup_feedback_agents_daily where ${inPeriod(cur)}
      ) x join users u on u.id = x.agent_id
      where true ${team}
      group by x.agent_id, u.name`),
  );
  return rows
    .map((r) => ({
      agentId: r.id,
      name: r.name,
      resolved: r.resolved,
      resolutionAvgMinutes: r.resolved ? Number(r.res_min) / r.resolved : null,
      firstResponses: r.fr,
      csatAnswered: r.csat_n,
      csatPercent: r.csat_n ? (r.csat_good / r.csat_n) * 100 : null,
    }))
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name));
}

export type FeedbackSummary = {
  csat: { answered: number; percent: number | null; previousPercent: number | null };
  nps: { answered: number; score: number | null; previousScore: number | null };
  /** Feedback per category and week (first day of the week). */
  categoryWeeks: { week: string; categoryId: string | null; n: number }[];
};

/** CSAT, NPS and category trends from the feedback rollups. */
export async function feedbackSummary(db: Queryable, cur: Period, prev: Period): Promise<FeedbackSummary> {
  const scores = (p: Period) =>
    db.execute(sql`
      select coalesce(sum(n) filter (where kind = 'csat'), 0)::int as csat_n, coalesce(sum(n) filter (where kind = 'csat' and score >= 4), 0)::int as csat_good,
        coalesce(sum(n) filter (where kind = 'nps'), 0)::int as nps_n, coalesce(sum(n) filter (where kind = 'nps' and score >= 9), 0)::int as pro,
        coalesce(sum(n) filter (where kind = 'nps' and score <= 6), 0)::int as det
      from rollup_feedback_daily where ${inPeriod(p)}`);
  const [c, p, weeks] = await Promise.all([
    scores(cur),
    scores(prev),
    db.execute(sql`
      select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week, category_id::text as category, sum(n)::int as n
      from rollup_feedback_daily where ${inPeriod(cur)} group by 1, 2 order by 1, 2`),
  ]);
  type S = { csat_n: number; csat_good: number; nps_n: number; pro: number; det: number };
  const cs = rowsOf<S>(c)[0]!;
  const ps = rowsOf<S>(p)[0]!;
  const csatPct = (s: S) => (s.csat_n ? (s.csat_good / s.csat_n) * 100 : null);
  const nps = (s: S) => (s.nps_n ? ((s.pro - s.det) / s.nps_n) * 100 : null);
  return {
    csat: { answered: cs.csat_n, percent: csatPct(cs), previousPercent: csatPct(ps) },
    nps: { answered: cs.nps_n, score: nps(cs), previousScore: nps(ps) },
    categoryWeeks: rowsOf<{ week: string; category: string | null; n: number }>(weeks).map((w) => ({ week: w.week, categoryId: w.category, n: w.n })),
  };
}

export type BacklogAge = { bucket: '<1d' | '1-3d' | '3-7d' | '7-14d' | '>14d'; n: number };
export type RepeatCustomer = { customerId: string; name: string; cases: number };

/**
 * Open cases now by age (the live queue, read through the open-cases index) and customers with
 * two or more cases opened in the period. Both honour the channel, category and team filters.
 */
export async function queueFigures(db: Queryable, f: ReportInput, cur: Period): Promise<{ backlogAge: BacklogAge[]; repeatCustomers: RepeatCustomer[] }> {
  const tz = env().SHOP_TIMEZONE;
  // Joins only for the filters in use: unfiltered, both read one index range of cases.
  const needsOrder = !!f.channel;
  const filters = sql.join(
    [
      sql`true`,
      f.channel ? sql`o.channel = ${f.channel}` : sql`true`,
      f.teamId ? sql`c.team_id = ${f.teamId}` : sql`true`,
      f.category
        ? sql`(select p.category from case_items ci join order_items oi on oi.id = ci.order_item_id join products p on p.id = oi.product_id where ci.case_id = c.id order by ci.id limit 1) = ${f.category}`
        : sql`true`,
    ],
    sql` and `,
  );
  const orderJoin = needsOrder ? sql`join orders o on o.id = c.order_id` : sql``;
  const [age, repeat] = await Promise.all([
    db.execute(sql`
      select count(*) filter (where c.created_at > now() - interval '1 day')::int as d1,
        count(*) filter (where c.created_at <= now() - interval '1 day' and c.created_at > now() - interval '3 days')::int as d3,
        count(*) filter (where c.created_at <= now() - interval '3 days' and c.created_at > now() - interval '7 days')::int as d7,
        count(*) filter (where c.created_at <= now() - interval '7 days' and c.created_at > now() - interval '14 days')::int as d14,
        count(*) filter (where c.created_at <= now() - interval '14 days')::int as older
      from cases c ${orderJoin}
      where c.status not in ('closed', 'cancelled') and c.completed_at is null and ${filters}`),
    db.execute(sql`
      select r.id, cu.name, r.n from (
        select c.customer_id::text as id, count(*)::int as n
        from cases c ${orderJoin}
        where c.created_at >= (${cur.from}::date)::timestamp at time zone ${tz} and c.created_at < ((${cur.to}::date) + 1)::timestamp at time zone ${tz} and ${filters}
        group by c.customer_id having count(*) >= 2
        order by n desc, c.customer_id limit 20
      ) r join customers cu on cu.id = r.id::uuid
      order by r.n desc, cu.name`),
  ]);
  const a = rowsOf<{ d1: number; d3: number; d7: number; d14: number; older: number }>(age)[0]!;
  return {
    backlogAge: [
      { bucket: '<1d', n: a.d1 },
      { bucket: '1-3d', n: a.d3 },
      { bucket: '3-7d', n: a.d7 },
      { bucket: '7-14d', n: a.d14 },
      { bucket: '>14d', n: a.older },
    ],
    repeatCustomers: rowsOf<{ id: string; name: string; n: number }>(repeat).map((r) => ({ customerId: r.id, name: r.name, cases: r.n })),
  };
}
