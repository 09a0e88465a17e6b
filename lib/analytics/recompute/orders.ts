import { sql } from 'drizzle-orm';
import { onDay, type Recompute } from './types';

/** Order rollups: live (not deleted) orders by the day they were placed, and by delivery day. */
export const ORDER_RECOMPUTES: Recompute[] = [
  {
    table: 'rollup_orders_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_orders_daily (day, channel, status, orders, total_cents, refunded_cents)
        select ${d.day}::date, channel::text, status::text, count(*)::int, sum(total_cents), sum(refunded_cents) from orders
        where ${onDay(sql`placed_at`, d)} and deleted_at is null
        group by channel, status`),
  },
  {
    table: 'rollup_deliveries_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_deliveries_daily (day, channel, orders)
        select ${d.day}::date, channel::text, count(*)::int from orders
        where ${onDay(sql`delivered_at`, d)} and deleted_at is null
        group by channel`),
  },
  {
    table: 'rollup_products_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_products_daily (day, channel, product_id, category, orders_placed, units, revenue_cents, orders_delivered)
        select ${d.day}::date, channel, product_id, category, sum(placed)::int, sum(units)::int, sum(revenue), sum(delivered)::int from (
          select o.channel::text as channel, oi.product_id, p.category, count(distinct o.id) as placed, sum(oi.quantity) as units,
                 sum(oi.line_total_cents) as revenue, 0 as delivered
          from orders o join order_items oi on oi.order_id = o.id join products p on p.id = oi.product_id
          where ${onDay(sql`o.placed_at`, d)} and o.deleted_at is null
          group by 1, 2, 3
          union all
          select o.channel::text, oi.product_id, p.category, 0, 0, 0, count(distinct o.id)
          from orders o join order_items oi on oi.order_id = o.id join products p on p.id = oi.product_id
          where ${onDay(sql`o.delivered_at`, d)} and o.deleted_at is null
          group by 1, 2, 3
        ) x
        group by channel, product_id, category`),
  },
  {
    table: 'rollup_categories_daily',
    insert: (tx, d) =>
      tx.execute(sql`
        insert into rollup_categories_daily (day, channel, category, orders_placed, revenue_cents, orders_delivered)
        select ${d.day}::date, channel, category, sum(placed)::int, sum(revenue), sum(delivered)::int from (
          select o.channel::text as channel, p.category, count(distinct o.id) as placed, sum(oi.line_total_cents) as revenue, 0 as delivered
          from orders o join order_items oi on oi.order_id = o.id join products p on p.id = oi.product_id
          where ${onDay(sql`o.placed_at`, d)} and o.deleted_at is null and o.status not in ('cancelled', 'closed', 'pending_payment')
          group by 1, 2
          union all
          select o.channel::text, p.category, 0, 0, count(distinct o.id)
          from orders o join order_items oi on oi.order_id = o.id join products p on p.id = oi.product_id
          where ${onDay(sql`o.delivered_at`, d)} and o.deleted_at is null
          group by 1, 2
        ) x
        group by channel, category`),
  },
];
