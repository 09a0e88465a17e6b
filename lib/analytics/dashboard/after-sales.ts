import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { env } from '@/lib/env';
import type { Period } from '@/lib/shop-calendar';
import { filterWhere, inPeriod, type ReportInput } from './input';

export type StageCompliance = { total: number; met: number; rate: number | null };
export type AfterSalesTotals = {
  opened: number;
  resolved: number;
  delivered: number;
  /** Cases opened per delivered order, as a percentage. */
  rate: number | null;
  refundCents: number;
  compensationCents: number;
  freightCents: number;
  costCents: number;
  firstResponseAvgMinutes: number | null;
  resolutionAvgMinutes: number | null;
  sla: { firstResponse: StageCompliance; decision: StageCompliance; resolution: StageCompliance };
};
export type AfterSalesFigures = {
  current: AfterSalesTotals;
  previous: AfterSalesTotals;
  byType: { type: string; opened: number }[];
  byReason: { reason: string; opened: number; previous: number }[];
  byProduct: {
    productId: string;
    name: string;
    category: string;
    opened: number;
    delivered: number;
    rate: number | null;
    costCents: number;
    topReasons: string[];
  }[];
  byCategory: { category: string; opened: number; delivered: number; rate: number | null; costCents: number }[];
  /** Open cases at the end of the period (opened before minus finished before), per day. */
  daily: { day: string; opened: number; resolved: number; backlog: number }[];
  /** Open cases when the period began, and when it ended. */
  backlogStart: number;
  backlog: number;
};

const pct = (part: number, whole: number) => (whole ? (part / whole) * 100 : null);
const stage = (total: number, met: number): StageCompliance => ({ total, met, rate: pct(met, total) });

type TotalsRow = {
  opened: number;
  resolved: number;
  refund: string;
  comp: string;
  freight: string;
  fr_n: number;
  fr_min: string;
  fr_met: number;
  dec_n: number;
  dec_met: number;
  res_min: string;
  res_met: number;
};

function totalsOf(r: TotalsRow | undefined, delivered: number): AfterSalesTotals {
  const n = (v: string | number | undefined) => Number(v ?? 0);
  const opened = r?.opened ?? 0;
  const resolved = r?.resolved ?? 0;
  const refundCents = n(r?.refund);
  const compensationCents = n(r?.comp);
  const freightCents = n(r?.freight);
  return {
    opened,
    resolved,
    delivered,
    rate: pct(opened, delivered),
    refundCents,
    compensationCents,
    freightCents,
    costCents: refundCents + compensationCents + freightCents,
    firstResponseAvgMinutes: r?.fr_n ? n(r.fr_min) / r.fr_n : null,
    resolutionAvgMinutes: resolved ? n(r?.res_min) / resolved : null,
    sla: {
      firstResponse: stage(r?.fr_n ?? 0, r?.fr_met ?? 0),
      decision: stage(r?.dec_n ?? 0, r?.dec_met ?? 0),
      resolution: stage(resolved, r?.res_met ?? 0),
    },
  };
}

/** Product rows per reason, folded into one entry per product with its reasons' counts. */
function productsOf(
  rows: { id: string; name: string; category: string; reason: string; opened: number; cost: string }[],
) {
  const out = new Map<
    string,
    {
      productId: string;
      name: string;
      category: string;
      opened: number;
      costCents: number;
      reasons: Map<string, number>;
    }
  >();
  for (const r of rows) {
    const p = out.get(r.id) ?? {
      productId: r.id,
      name: r.name,
      category: r.category,
      opened: 0,
      costCents: 0,
      reasons: new Map<string, number>(),
    };
    p.opened += r.opened;
    p.costCents += Number(r.cost);
    p.reasons.set(r.reason, (p.reasons.get(r.reason) ?? 0) + r.opened);
    out.set(r.id, p);
  }
  return out;
}

/**
 * The one report slice of rollup_cases_slice_daily answering these filters ('*' for none), or null
 * when more than one filter is set and the fine rollup must be read.
 */
export function sliceOf(f: Pick<ReportInput, 'channel' | 'category' | 'teamId'>): string | null {
  const set = [
    f.channel && `channel:${f.channel}`,
    f.category && `category:${f.category}`,
    f.teamId && `team:${f.teamId}`,
  ].filter((v): v is string => !!v);
  return set.length > 1 ? null : (set[0] ?? '*');
}

export type BacklogAge = { bucket: '<1d' | '1-3d' | '3-7d' | '7-14d' | '>14d'; n: number };

/**
 * Open cases now by age in whole shop days (created today, 1–2 days ago, 3–6, 7–13, 14 and more),
 * from the rollups' count of each day's cases still open: a read of one slice whatever the volume.
 */
export async function backlogAgeFigures(db: Queryable, f: ReportInput): Promise<BacklogAge[]> {
  const slice = sliceOf(f);
  const where = slice ? sql`slice = ${slice}` : filterWhere(f, { channel: true, category: true, team: true });
  const table = slice ? sql`rollup_cases_slice_daily` : sql`rollup_cases_daily`;
  const res = await db.execute(sql`
    select coalesce(sum(still_open) filter (where age < 1), 0)::int as d1, coalesce(sum(still_open) filter (where age between 1 and 2), 0)::int as d3,
      coalesce(sum(still_open) filter (where age between 3 and 6), 0)::int as d7, coalesce(sum(still_open) filter (where age between 7 and 13), 0)::int as d14,
      coalesce(sum(still_open) filter (where age >= 14), 0)::int as older
    from (select (now() at time zone ${env().SHOP_TIMEZONE})::date - day as age, still_open from ${table} where ${where} and still_open > 0) x`);
  const a = rowsOf<{ d1: number; d3: number; d7: number; d14: number; older: number }>(res)[0]!;
  return [
    { bucket: '<1d', n: a.d1 },
    { bucket: '1-3d', n: a.d3 },
    { bucket: '3-7d', n: a.d7 },
    { bucket: '7-14d', n: a.d14 },
    { bucket: '>14d', n: a.older },
  ];
}

/**
 * After-sales in the period from the case rollups: volumes, the after-sales rate (cases opened per
 * order delivered), cost (refunds + compensation + return freight), response and resolution
 * times, SLA compliance per stage, and the breakdowns the decision views use.
 */
export async function afterSalesFigures(
  db: Queryable,
  f: ReportInput,
  cur: Period,
  prev: Period,
): Promise<AfterSalesFigures> {
  // The fine rollup has a row per dimension combination; the slice summaries a few per day. Use
  // a slice whenever at most one filter is set (docs/decisions/0007).
  const slice = sliceOf(f);
  const totalsTable = slice ? sql`rollup_cases_slice_daily` : sql`rollup_cases_daily`;
  const totalsFilter = slice ? sql`slice = ${slice}` : filterWhere(f, { channel: true, category: true, team: true });
  const fineFilter = filterWhere(f, { channel: true, category: true, team: true });
  const casesWhere = (p: Period) => sql`${inPeriod(p)} and ${totalsFilter}`;
  const mix = (dim: string, p: Period) => sql`slice = ${slice} and dim = ${dim} and ${inPeriod(p)}`;
  // Deliveries: per category when one is chosen (each order once), else per channel.
  const delivered = (p: Period) =>
    f.category
      ? db.execute(
          sql`select coalesce(sum(orders_delivered), 0)::int as n from rollup_categories_daily where ${inPeriod(p)} and ${filterWhere(f, { channel: true, category: true })}`,
        )
      : db.execute(
          sql`select coalesce(sum(orders), 0)::int as n from rollup_deliveries_daily where ${inPeriod(p)} and ${filterWhere(f, { channel: true })}`,
        );
  const sums = (p: Period) =>
    db.execute(sql`
      select coalesce(sum(opened), 0)::int as opened, coalesce(sum(resolved), 0)::int as resolved,
        coalesce(sum(refund_cents), 0) as refund, coalesce(sum(compensation_cents), 0) as comp, coalesce(sum(freight_cents), 0) as freight,
        coalesce(sum(first_responses), 0)::int as fr_n, coalesce(sum(first_response_minutes), 0) as fr_min, coalesce(sum(first_response_met), 0)::int as fr_met,
        coalesce(sum(decisions), 0)::int as dec_n, coalesce(sum(decision_met), 0)::int as dec_met,
        coalesce(sum(resolution_minutes), 0) as res_min, coalesce(sum(resolution_met), 0)::int as res_met
      from ${totalsTable} where ${casesWhere(p)}`);
  const [c, p, dc, dp, byType, byReason, byProduct, productDeliveries, byCategory, categoryDeliveries, daily, before] =
    await Promise.all([
      sums(cur),
      sums(prev),
      delivered(cur),
      delivered(prev),
      slice
        ? db.execute(
            sql`select key as type, sum(opened)::int as opened from rollup_case_mix_slice_daily where ${mix('type', cur)} group by key having sum(opened) > 0 order by opened desc`,
          )
        : db.execute(
            sql`select type, sum(opened)::int as opened from rollup_cases_daily where ${inPeriod(cur)} and ${fineFilter} group by type having sum(opened) > 0 order by opened desc`,
          ),
      slice
        ? db.execute(sql`
          select key as reason, coalesce(sum(opened) filter (where ${inPeriod(cur)}), 0)::int as opened, coalesce(sum(opened) filter (where ${inPeriod(prev)}), 0)::int as previous
          from rollup_case_mix_slice_daily where slice = ${slice} and dim = 'reason' and day >= ${prev.from}::date and day <= ${cur.to}::date group by key order by opened desc`)
        : db.execute(sql`
          select reason, coalesce(sum(opened) filter (where ${inPeriod(cur)}), 0)::int as opened, coalesce(sum(opened) filter (where ${inPeriod(prev)}), 0)::int as previous
          from rollup_cases_daily where (${inPeriod(cur)} or ${inPeriod(prev)}) and ${fineFilter}
          group by reason order by opened desc`),
      slice
        ? db.execute(sql`
          select m.id, p.name, p.category, m.reason, m.opened, m.cost
          from (select key as id, reason, sum(opened)::int as opened, sum(cost_cents) as cost from rollup_case_mix_slice_daily where ${mix('product', cur)} group by key, reason) m
          join products p on p.id = m.id::uuid`)
        : db.execute(sql`
          select m.id::text as id, p.name, m.category, m.reason, m.opened, m.cost
          from (
            select product_id as id, category, reason, sum(opened)::int as opened, sum(refund_cents + compensation_cents + freight_cents) as cost
            from rollup_cases_daily where ${inPeriod(cur)} and ${fineFilter} and product_id is not null group by product_id, category, reason
          ) m join products p on p.id = m.id`),
      db.execute(sql`
      select product_id::text as id, sum(orders_delivered)::int as n from rollup_products_daily
      where ${inPeriod(cur)} and ${filterWhere(f, { channel: true, category: true })} group by product_id`),
      slice
        ? db.execute(
            sql`select key as category, sum(opened)::int as opened, sum(cost_cents) as cost from rollup_case_mix_slice_daily where ${mix('category', cur)} group by key having sum(opened) > 0`,
          )
        : db.execute(sql`
          select category, sum(opened)::int as opened, sum(refund_cents + compensation_cents + freight_cents) as cost
          from rollup_cases_daily where ${inPeriod(cur)} and ${fineFilter} and category <> '' group by category having sum(opened) > 0`),
      db.execute(sql`
      select category, sum(orders_delivered)::int as n from rollup_categories_daily
      where ${inPeriod(cur)} and ${filterWhere(f, { channel: true, category: true })} group by category`),
      db.execute(sql`
      select day::text as day, sum(opened)::int as opened, sum(resolved)::int as resolved, sum(opened - finished)::int as net
      from ${totalsTable} where ${casesWhere(cur)} group by day order by day`),
      db.execute(
        sql`select coalesce(sum(opened - finished), 0)::int as n from ${totalsTable} where day < ${cur.from}::date and ${totalsFilter}`,
      ),
    ]);
  const count = (res: unknown) => rowsOf<{ n: number }>(res)[0]?.n ?? 0;
  const deliveredByProduct = new Map(rowsOf<{ id: string; n: number }>(productDeliveries).map((r) => [r.id, r.n]));
  const deliveredByCategory = new Map(
    rowsOf<{ category: string; n: number }>(categoryDeliveries).map((r) => [r.category, r.n]),
  );
  const backlogStart = count(before);
  let backlog = backlogStart;
  const days = rowsOf<{ day: string; opened: number; resolved: number; net: number }>(daily).map((d) => {
    backlog += d.net;
    return { day: d.day, opened: d.opened, resolved: d.resolved, backlog };
  });
  return {
    current: totalsOf(rowsOf<TotalsRow>(c)[0], count(dc)),
    previous: totalsOf(rowsOf<TotalsRow>(p)[0], count(dp)),
    byType: rowsOf<{ type: string; opened: number }>(byType),
    byReason: rowsOf<{ reason: string; opened: number; previous: number }>(byReason),
    byProduct: [
      ...productsOf(
        rowsOf<{ id: string; name: string; category: string; reason: string; opened: number; cost: string }>(byProduct),
      ).values(),
    ]
      .filter((r) => r.opened > 0)
      .map((r) => {
        const d = deliveredByProduct.get(r.productId) ?? 0;
        const topReasons = [...r.reasons.entries()]
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 3)
          .map(([reason]) => reason);
        return {
          productId: r.productId,
          name: r.name,
          category: r.category,
          opened: r.opened,
          delivered: d,
          rate: pct(r.opened, d),
          costCents: r.costCents,
          topReasons,
        };
      })
      .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.costCents - a.costCents),
    byCategory: rowsOf<{ category: string; opened: number; cost: string }>(byCategory)
      .map((r) => {
        const d = deliveredByCategory.get(r.category) ?? 0;
        return {
          category: r.category,
          opened: r.opened,
          delivered: d,
          rate: pct(r.opened, d),
          costCents: Number(r.cost),
        };
      })
      .sort((a, b) => b.opened - a.opened),
    daily: days,
    backlogStart,
    backlog,
  };
}
