import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import type { Period } from '@/lib/shop-calendar';
import { filterWhere, inPeriod, type ReportInput } from './input';

/** Statuses of orders that never became a sale: left out of GMV and the average order value. */
const NOT_SOLD = sql`('cancelled', 'closed', 'pending_payment')`;

export type OrderTotals = { orders: number; soldOrders: number; gmvCents: number; aovCents: number | null };
export type OrderFigures = {
  current: OrderTotals;
  previous: OrderTotals;
  byChannel: { channel: string; orders: number; gmvCents: number }[];
  /** Orders of the period by their status now; null under a category filter (orders span categories). */
  byStatus: { status: string; orders: number }[] | null;
  daily: { day: string; orders: number; gmvCents: number }[];
};

const totals = (r: { orders: number; sold: number; gmv: string | number } | undefined): OrderTotals => {
  const gmv = Number(r?.gmv ?? 0);
  const sold = r?.sold ?? 0;
  return { orders: r?.orders ?? 0, soldOrders: sold, gmvCents: gmv, aovCents: sold ? Math.round(gmv / sold) : null };
};

/**
 * Orders placed in the period: count, GMV (paid orders' totals), average order value, by channel,
 * by current status, per day. With a category filter: the orders containing that category's
 * products and the revenue of those lines.
 */
export async function orderFigures(db: Queryable, f: ReportInput, cur: Period, prev: Period): Promise<OrderFigures> {
  if (f.category) {
    const where = (p: Period) => sql`${inPeriod(p)} and ${filterWhere(f, { channel: true, category: true })}`;
    const sum = (p: Period) =>
      db.execute(
        sql`select coalesce(sum(orders_placed), 0)::int as orders, coalesce(sum(orders_placed), 0)::int as sold, coalesce(sum(revenue_cents), 0) as gmv from rollup_categories_daily where ${where(p)}`,
      );
    const [c, p, byChannel, daily] = await Promise.all([
      sum(cur),
      sum(prev),
      db.execute(
        sql`select channel, sum(orders_placed)::int as orders, sum(revenue_cents) as gmv from rollup_categories_daily where ${where(cur)} group by channel order by orders desc`,
      ),
      db.execute(
        sql`select day::text as day, sum(orders_placed)::int as orders, sum(revenue_cents) as gmv from rollup_categories_daily where ${where(cur)} group by day order by day`,
      ),
    ]);
    return {
      current: totals(rowsOf<{ orders: number; sold: number; gmv: string }>(c)[0]),
      previous: totals(rowsOf<{ orders: number; sold: number; gmv: string }>(p)[0]),
      byChannel: rowsOf<{ channel: string; orders: number; gmv: string }>(byChannel).map((r) => ({
        channel: r.channel,
        orders: r.orders,
        gmvCents: Number(r.gmv),
      })),
      byStatus: null,
      daily: rowsOf<{ day: string; orders: number; gmv: string }>(daily).map((r) => ({
        day: r.day,
        orders: r.orders,
        gmvCents: Number(r.gmv),
      })),
    };
  }
  const where = (p: Period) => sql`${inPeriod(p)} and ${filterWhere(f, { channel: true })}`;
  const sum = (p: Period) =>
    db.execute(sql`
      select coalesce(sum(orders), 0)::int as orders, coalesce(sum(orders) filter (where status not in ${NOT_SOLD}), 0)::int as sold,
        coalesce(sum(total_cents) filter (where status not in ${NOT_SOLD}), 0) as gmv
      from rollup_orders_daily where ${where(p)}`);
  const [c, p, byChannel, byStatus, daily] = await Promise.all([
    sum(cur),
    sum(prev),
    db.execute(sql`
      select channel, sum(orders)::int as orders, coalesce(sum(total_cents) filter (where status not in ${NOT_SOLD}), 0) as gmv
      from rollup_orders_daily where ${where(cur)} group by channel order by orders desc`),
    db.execute(
      sql`select status, sum(orders)::int as orders from rollup_orders_daily where ${where(cur)} group by status order by orders desc`,
    ),
    db.execute(sql`
      select day::text as day, sum(orders)::int as orders, coalesce(sum(total_cents) filter (where status not in ${NOT_SOLD}), 0) as gmv
      from rollup_orders_daily where ${where(cur)} group by day order by day`),
  ]);
  return {
    current: totals(rowsOf<{ orders: number; sold: number; gmv: string }>(c)[0]),
    previous: totals(rowsOf<{ orders: number; sold: number; gmv: string }>(p)[0]),
    byChannel: rowsOf<{ channel: string; orders: number; gmv: string }>(byChannel).map((r) => ({
      channel: r.channel,
      orders: r.orders,
      gmvCents: Number(r.gmv),
    })),
    byStatus: rowsOf<{ status: string; orders: number }>(byStatus),
    daily: rowsOf<{ day: string; orders: number; gmv: string }>(daily).map((r) => ({
      day: r.day,
      orders: r.orders,
      gmvCents: Number(r.gmv),
    })),
  };
}
