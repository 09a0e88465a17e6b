import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { PreparedStatements } from '@/db/prepared';
import { customers, orderEvents, orderItems, orders } from '@/db/schema';
import { accessSql, type OrderAccess } from './policy';
import { SEARCH_PLACEHOLDERS, searchSql, searchValues, type SearchMode } from './search';

export const ORDERS_PAGE_SIZE = 25;

/** The columns of an order list row, for the prepared and the ad-hoc list alike. */
export const LIST_COLUMNS = {
  id: orders.id,
  orderNo: orders.orderNo,
  channel: orders.channel,
  status: orders.status,
  customerName: customers.name,
  totalCents: orders.totalCents,
  currency: orders.currency,
  placedAt: orders.placedAt,
  trackingNo: orders.trackingNo,
  version: orders.version,
  itemCount: sql<number>`(select coalesce(sum(${orderItems.quantity}), 0)::int from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
};

const placeholder = sql.placeholder;

/**
 * The list's hot shapes — the landing page and the search box, newest first, a page at a time —
 * as prepared statements: one per access kind, search mode and first-or-later page.
 */
const LIST = new PreparedStatements((db: Db, key: string) => {
  const [kind, mode, later] = key.split(':') as [OrderAccess['kind'], SearchMode | 'all', 'first' | 'later'];
  return db
    .select(LIST_COLUMNS)
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(
        accessSql(kind, placeholder('userId')),
        mode === 'all' ? undefined : searchSql(mode, SEARCH_PLACEHOLDERS),
        later === 'later'
          ? sql`(${orders.placedAt}, ${orders.id}) < (${placeholder('afterAt')}::timestamptz, ${placeholder('afterId')})`
          : undefined,
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(ORDERS_PAGE_SIZE + 1)
    .prepare(`orders_list_${key.replaceAll(':', '_')}`);
});

/** One page of the newest orders an access sees, narrowed by the search box only. */
export function listNewestOrders(
  db: Db,
  access: OrderAccess,
  search: { q: string; mode: SearchMode | null },
  after: (string | number)[] | null,
) {
  const key = `${access.kind}:${search.mode ?? 'all'}:${after ? 'later' : 'first'}`;
  return LIST.get(db, key).execute({
    userId: access.kind === 'own' ? access.userId : null,
    ...(search.mode ? searchValues(search.q, search.mode) : {}),
    afterAt: after?.[0] ?? null,
    afterId: after?.[1] ?? null,
  });
}

const byOrderNo = sql`(select ${orders.id} from ${orders} where ${orders.orderNo} = ${placeholder('orderNo')})`;

/** The order's header and customer, if the access sees it: one shape per access kind. */
const HEADER = new PreparedStatements((db: Db, kind: string) =>
  db
    .select({ o: orders, c: customers })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(eq(orders.orderNo, placeholder('orderNo')), accessSql(kind as OrderAccess['kind'], placeholder('userId'))),
    )
    .limit(1)
    .prepare(`order_header_${kind}`),
);

const ITEMS = new PreparedStatements((db: Db) =>
  db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, byOrderNo))
    .orderBy(asc(orderItems.id))
    .prepare('order_items_by_no'),
);

/** The timeline: staff see every entry, a customer the public ones. */
const EVENTS = new PreparedStatements((db: Db, viewer: string) =>
  db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, byOrderNo), viewer === 'staff' ? undefined : eq(orderEvents.public, true)))
    .orderBy(desc(orderEvents.at), desc(orderEvents.id))
    .prepare(`order_events_by_no_${viewer}`),
);

/**
 * An order's header, items and timeline in one round trip: the three run at once, keyed by the
 * order number. Items and events of an order the access does not see are read but never returned
 * (the caller refuses when the header is missing).
 */
export async function loadOrderDetail(db: Db, access: OrderAccess, orderNo: string, staff: boolean) {
  const userId = access.kind === 'own' ? access.userId : null;
  const [[header], items, events] = await Promise.all([
    HEADER.get(db, access.kind).execute({ orderNo, userId }),
    ITEMS.get(db, '').execute({ orderNo }),
    EVENTS.get(db, staff ? 'staff' : 'public').execute({ orderNo }),
  ]);
  return header ? { ...header, items, events } : null;
}
