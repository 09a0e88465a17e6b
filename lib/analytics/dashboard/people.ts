import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { env } from '@/lib/env';
import type { Period } from '@/lib/shop-calendar';
import { inPeriod, type ReportInput } from './input';

export type AgentRow = {
  agentId: string;
  name: string;
  resolved: number;
  resolutionAvgMinutes: number | null;
  firstResponses: number;
  csatAnswered: number;
  csatPercent: number | null;
};

/** Per agent in the period: throughput, resolution time and CSAT; a team filter keeps its members. */
export async function agentFigures(db: Queryable, f: ReportInput, cur: Period): Promise<AgentRow[]> {
  const team = f.teamId ? sql`and x.agent_id in (select user_id from team_members where team_id = ${f.teamId})` : sql``;
  const rows = rowsOf<{
    id: string;
    name: string;
    resolved: number;
    res_min: string;
    fr: number;
    csat_n: number;
    csat_good: number;
  }>(
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
    categoryWeeks: rowsOf<{ week: string; category: string | null; n: number }>(weeks).map((w) => ({
      week: w.week,
      categoryId: w.category,
      n: w.n,
    })),
  };
}

export type RepeatCustomer = { customerId: string; name: string; cases: number };

/**
 * Customers with two or more cases opened in the period (the 20 with most), under the channel,
 * category and team filters, read from the cases' own report columns through one index range
 * (cases_created_dims_idx, index-only). Not a rollup: the top of a count per customer does not add
 * up across days, so it is the one figure that grows with volume, and the page streams it in
 * after the rest (docs/decisions/0007).
 */
export async function repeatCustomerFigures(db: Queryable, f: ReportInput, cur: Period): Promise<RepeatCustomer[]> {
  const tz = env().SHOP_TIMEZONE;
  const filters = sql.join(
    [
      sql`c.created_at >= (${cur.from}::date)::timestamp at time zone ${tz} and c.created_at < ((${cur.to}::date) + 1)::timestamp at time zone ${tz}`,
      f.channel ? sql`c.order_channel = ${f.channel}` : sql`true`,
      f.category ? sql`c.main_category = ${f.category}` : sql`true`,
      f.teamId ? sql`c.team_id = ${f.teamId}` : sql`true`,
    ],
    sql` and `,
  );
  const rows = rowsOf<{ id: string; name: string; n: number }>(
    await db.execute(sql`
      select r.id, cu.name, r.n from (
        select c.customer_id::text as id, count(*)::int as n
        from cases c where ${filters}
        group by c.customer_id having count(*) >= 2
        order by n desc, c.customer_id limit 20
      ) r join customers cu on cu.id = r.id::uuid
      order by r.n desc, cu.name`),
  );
  return rows.map((r) => ({ customerId: r.id, name: r.name, cases: r.n }));
}
