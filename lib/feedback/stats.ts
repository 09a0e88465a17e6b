import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { dayCount, previousPeriod } from '@/lib/shop-calendar';
import { answerRate, csatPercent, npsBreakdown, npsScore, reviewFigures, type CsatCounts } from './metrics';
import { FEEDBACK_KINDS, StatsInput, type FeedbackKind } from './schemas';

/** The longest period the statistics answer for, so a hand-edited URL cannot ask for centuries. */
const MAX_DAYS = 731;

export type PeriodFigures = {
  csat: { counts: CsatCounts; answered: number; percent: number | null; offered: number; answerRate: number | null };
  nps: {
    counts: number[];
    answered: number;
    score: number | null;
    promoters: number;
    passives: number;
    detractors: number;
    offered: number;
    answerRate: number | null;
  };
  /** Product reviews brought from the sales channels: stars 1–5, their average and the share of 1–2 stars. */
  reviews: { counts: CsatCounts; total: number; average: number | null; lowShare: number | null };
  byKind: Record<FeedbackKind, number>;
  total: number;
  /** Feedback count per category id (null = not classified). */
  byCategory: { categoryId: string | null; count: number }[];
  byAgent: { agentId: string; name: string; answered: number; good: number; percent: number | null }[];
  /** The most frequent words in comments; each comment counts a word once. */
  words: { word: string; count: number }[];
};

export type ProductRow = {
  productId: string;
  name: string;
  total: number;
  csatAnswered: number;
  csatPercent: number | null;
  npsAnswered: number;
  nps: number | null;
  complaints: number;
};
/** Reviews of one product in the period: how many, their average (1–5) and the share of 1–2 star ones. */
export type ReviewProductRow = { productId: string; name: string; reviews: number; average: number; lowShare: number };
export type TrendPoint = {
  bucket: string;
  total: number;
  csatAnswered: number;
  csatPercent: number | null;
  npsAnswered: number;
  nps: number | null;
};

export type FeedbackStats = {
  period: { from: string; to: string; days: number };
  previous: { from: string; to: string };
  current: PeriodFigures;
  prior: PeriodFigures;
  byProduct: ProductRow[];
  /** The 10 products with most reviews in the period. */
  reviewProducts: ReviewProductRow[];
  weekly: TrendPoint[];
  monthly: TrendPoint[];
};

/** A period of shop days, both ends included: rollup rows are keyed by shop day. */
type Range = { from: string; to: string };

async function periodFigures(db: Queryable, r: Range): Promise<PeriodFigures> {
  const inRange = sql`day >= ${r.from}::date and day <= ${r.to}::date`;
  const [scores, offered, categories, agents, words] = await Promise.all([
    db.execute(
      sql`select kind, score, sum(n)::int as n from rollup_feedback_daily where ${inRange} group by kind, score`,
    ),
    db.execute(sql`select kind, sum(offered)::int as n from rollup_surveys_daily where ${inRange} group by kind`),
    db.execute(
      sql`select category_id::text as id, sum(n)::int as n from rollup_feedback_daily where ${inRange} group by category_id`,
    ),
    db.execute(sql`
      select a.agent_id::text as id, u.name, sum(a.csat_n)::int as n, sum(a.csat_good)::int as good
      from rollup_feedback_agents_daily a join users u on u.id = a.agent_id
      where ${inRange} group by a.agent_id, u.name`),
    db.execute(
      sql`select word as w, sum(n)::int as n from rollup_feedback_words_daily where ${inRange} group by word order by n desc, word limit 40`,
    ),
  ]);
  const csat: CsatCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const stars: CsatCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const nps = Array.from({ length: 11 }, () => 0);
  const byKind = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, 0])) as Record<FeedbackKind, number>;
  for (const row of rowsOf<{ kind: FeedbackKind; score: number | null; n: number }>(scores)) {
    byKind[row.kind] += row.n;
    if (row.kind === 'csat' && row.score !== null) csat[row.score as 1 | 2 | 3 | 4 | 5] += row.n;
    if (row.kind === 'nps' && row.score !== null) nps[row.score]! += row.n;
    if (row.kind === 'review' && row.score !== null) stars[row.score as 1 | 2 | 3 | 4 | 5] += row.n;
  }
  const offeredBy = Object.fromEntries(rowsOf<{ kind: string; n: number }>(offered).map((o) => [o.kind, o.n]));
  const csatAnswered = csat[1] + csat[2] + csat[3] + csat[4] + csat[5];
  const b = npsBreakdown(nps);
  return {
    csat: {
      counts: csat,
      answered: csatAnswered,
      percent: csatPercent(csat),
      offered: offeredBy.csat ?? 0,
      answerRate: answerRate(csatAnswered, offeredBy.csat ?? 0),
    },
    nps: {
      counts: nps,
      ...b,
      score: npsScore(nps),
      offered: offeredBy.nps ?? 0,
      answerRate: answerRate(b.answered, offeredBy.nps ?? 0),
    },
    reviews: { counts: stars, ...reviewFigures(stars) },
    byKind,
    total: Object.values(byKind).reduce((a, n) => a + n, 0),
    byCategory: rowsOf<{ id: string | null; n: number }>(categories)
      .map((c) => ({ categoryId: c.id, count: c.n }))
      .sort((a, b) => b.count - a.count),
    byAgent: rowsOf<{ id: string; name: string; n: number; good: number }>(agents)
      .map((a) => ({
        agentId: a.id,
        name: a.name,
        answered: a.n,
        good: a.good,
        percent: a.n ? (a.good / a.n) * 100 : null,
      }))
      .sort((a, b) => b.answered - a.answered || a.name.localeCompare(b.name)),
    words: rowsOf<{ w: string; n: number }>(words).map((w) => ({ word: w.w, count: w.n })),
  };
}

type Bucketed = {
  bucket: string;
  total: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  promoters: number;
  passives: number;
  detractors: number;
};

function trendPoint(r: Bucketed): TrendPoint {
  const counts: CsatCounts = { 1: r.c1, 2: r.c2, 3: r.c3, 4: r.c4, 5: r.c5 };
  const npsAnswered = r.promoters + r.passives + r.detractors;
  return {
    bucket: r.bucket,
    total: r.total,
    csatAnswered: r.c1 + r.c2 + r.c3 + r.c4 + r.c5,
    csatPercent: csatPercent(counts),
    npsAnswered,
    nps: npsAnswered ? ((r.promoters - r.detractors) / npsAnswered) * 100 : null,
  };
}

async function trend(db: Queryable, r: Range, unit: 'week' | 'month'): Promise<TrendPoint[]> {
  const rows = rowsOf<Bucketed>(
    await db.execute(sql`
      select to_char(date_trunc(${unit}, day::timestamp), 'YYYY-MM-DD') as bucket,
        sum(n)::int as total,
        coalesce(sum(n) filter (where kind = 'csat' and score = 1), 0)::int as c1, coalesce(sum(n) filter (where kind = 'csat' and score = 2), 0)::int as c2,
        coalesce(sum(n) filter (where kind = 'csat' and score = 3), 0)::int as c3, coalesce(sum(n) filter (where kind = 'csat' and score = 4), 0)::int as c4,
        coalesce(sum(n) filter (where kind = 'csat' and score = 5), 0)::int as c5,
        coalesce(sum(n) filter (where kind = 'nps' and score >= 9), 0)::int as promoters,
        coalesce(sum(n) filter (where kind = 'nps' and score between 7 and 8), 0)::int as passives,
        coalesce(sum(n) filter (where kind = 'nps' and score <= 6), 0)::int as detractors
      from rollup_feedback_daily where day >= ${r.from}::date and day <= ${r.to}::date
      group by 1 order by 1`),
  );
  return rows.map(trendPoint);
}

async function products(db: Queryable, r: Range): Promise<ProductRow[]> {
  const rows = rowsOf<{
    id: string;
    name: string;
    total: number;
    c_n: number;
    c_good: number;
    n_n: number;
    n_pro: number;
    n_det: number;
    complaints: number;
  }>(
    await db.execute(sql`
      select f.product_id::text as id, p.name, sum(f.total)::int as total,
        sum(f.csat_n)::int as c_n, sum(f.csat_good)::int as c_good,
        sum(f.nps_n)::int as n_n, sum(f.nps_promoters)::int as n_pro, sum(f.nps_detractors)::int as n_det,
        sum(f.complaints)::int as complaints
      from rollup_feedback_products_daily f join products p on p.id = f.product_id
      where f.day >= ${r.from}::date and f.day <= ${r.to}::date
      group by f.product_id, p.name order by total desc, p.name limit 15`),
  );
  return rows.map((p) => ({
    productId: p.id,
    name: p.name,
    total: p.total,
    complaints: p.complaints,
    csatAnswered: p.c_n,
    csatPercent: p.c_n ? (p.c_good / p.c_n) * 100 : null,
    npsAnswered: p.n_n,
    nps: p.n_n ? ((p.n_pro - p.n_det) / p.n_n) * 100 : null,
  }));
}

async function reviewProducts(db: Queryable, r: Range): Promise<ReviewProductRow[]> {
  const rows = rowsOf<{ id: string; name: string; n: number; score: number; low: number }>(
    await db.execute(sql`
      select f.product_id::text as id, p.name, sum(f.reviews)::int as n, sum(f.review_score_sum)::int as score, sum(f.reviews_low)::int as low
      from rollup_feedback_products_daily f join products p on p.id = f.product_id
      where f.day >= ${r.from}::date and f.day <= ${r.to}::date and f.reviews > 0
      group by f.product_id, p.name order by n desc, p.name limit 10`),
  );
  return rows.map((p) => ({
    productId: p.id,
    name: p.name,
    reviews: p.n,
    average: p.score / p.n,
    lowShare: (p.low / p.n) * 100,
  }));
}

/**
 * The feedback statistics for a period of shop-calendar days, each figure beside the same figure
 * for the period of equal length just before it. Read from the daily rollups (lib/analytics),
 * which follow the feedback within a minute.
 */
export async function feedbackStats({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<FeedbackStats> {
  authorize(ctx.actor, 'read:feedback:any');
  const { from, to } = parseInput(StatsInput, input);
  const cur = { from, to };
  const days = dayCount(cur);
  if (!Number.isFinite(days) || days > MAX_DAYS) throw new ValidationError({ from: ['period_too_long'] });
  const previous = previousPeriod(cur);
  const db = await getDb();
  const [current, prior, byProduct, topReviewed, weekly, monthly] = await Promise.all([
    periodFigures(db, cur),
    periodFigures(db, previous),
    products(db, cur),
    reviewProducts(db, cur),
    trend(db, cur, 'week'),
    trend(db, cur, 'month'),
  ]);
  return {
    period: { from, to, days },
    previous,
    current,
    prior,
    byProduct,
    reviewProducts: topReviewed,
    weekly,
    monthly,
  };
}

export type MyCsat = {
  answered: number;
  good: number;
  percent: number | null;
  previousPercent: number | null;
  previousAnswered: number;
};

/** The signed-in agent's own CSAT over the last `days` days (and the days before), for their desk. */
export async function myCsat({ ctx, input }: { ctx: Ctx; input?: { days?: number } }): Promise<MyCsat> {
  const actor = authorize(ctx.actor, 'read:feedback:any');
  const days = Math.min(365, Math.max(1, Math.floor(input?.days ?? 30)));
  const db = await getDb();
  const [row] = rowsOf<{ n: number; good: number; pn: number; pgood: number }>(
    await db.execute(sql`
      select count(*) filter (where created_at >= now() - make_interval(days => ${days}))::int as n,
             count(*) filter (where created_at >= now() - make_interval(days => ${days}) and score >= 4)::int as good,
             count(*) filter (where created_at < now() - make_interval(days => ${days}))::int as pn,
             count(*) filter (where created_at < now() - make_interval(days => ${days}) and score >= 4)::int as pgood
      from feedback
      where kind = 'csat' and agent_id = ${actor.userId} and created_at >= now() - make_interval(days => ${days * 2})`),
  );
  const r = row ?? { n: 0, good: 0, pn: 0, pgood: 0 };
  return {
    answered: r.n,
    good: r.good,
    percent: r.n ? (r.good / r.n) * 100 : null,
    previousAnswered: r.pn,
    previousPercent: r.pn ? (r.pgood / r.pn) * 100 : null,
  };
}
