import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers, orderEvents, orderItems, orders, products, savedViews } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { phoneHashes, normalizePhone } from '@/lib/crypto';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import type { OrderDetailDto, OrderListItemDto } from './dto';
import { isStaffViewer, orderAccessWhere } from './policy';
import { ListOrdersInput, orderNoField, type OrderFilters } from './schemas';

export const ORDERS_PAGE_SIZE = 25;

const ORDER_NO = /^SO\d{8,}$/i;
const PHONE_LIKE = /^\+?[\d\s-]{7,20}$/;

/** The search box: exact matches on indexed columns, chosen by the field or guessed from the text. */
function searchWhere(q: string, field: OrderFilters['field']): SQL | undefined {
  if (!q) return undefined;
  const mode =
    field !== 'auto'
      ? field
      : ORDER_NO.test(q)
        ? 'orderNo'
        : PHONE_LIKE.test(q) && normalizePhone(q).length === 11
          ? 'phoneOrTracking'
          : 'any';
  const bySku = sql`${orders.id} in (select ${orderItems.orderId} from ${orderItems} where ${orderItems.sku} = ${q})`;
  const namePrefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const byCustomer = sql`${orders.customerId} in (select ${customers.id} from ${customers} where ${customers.name} like ${namePrefix})`;
  switch (mode) {
    case 'orderNo':
      return eq(orders.orderNo, q.toUpperCase());
    case 'phone':
      // Either key's hash while a key rotation is re-encrypting (docs/keys.md).
      return inArray(orders.recipientPhoneHash, phoneHashes(q));
    case 'tracking':
      return eq(orders.trackingNo, q);
    case 'sku':
      return bySku;
    case 'customer':
      return byCustomer;
    case 'phoneOrTracking':
      return sql`(${inArray(orders.recipientPhoneHash, phoneHashes(q))} or ${orders.trackingNo} = ${q})`;
    default: {
      // A union of indexed id lookups (an OR across tables would scan every order). A one-character
      // name would match too many customers, so names need two.
      const byName =
        q.length >= 2
          ? sql` union all select o2.id from ${orders} o2 where o2.customer_id in (select ${customers.id} from ${customers} where ${customers.name} like ${namePrefix})`
          : sql``;
      return sql`${orders.id} in (select o1.id from ${orders} o1 where o1.tracking_no = ${q}
        union all select o1.id from ${orders} o1 where o1.external_id = ${q}
        union all select ${orderItems.orderId} from ${orderItems} where ${orderItems.sku} = ${q}${byName})`;
    }
  }
}

const SORTS = {
  placed_desc: { col: orders.placedAt, dir: 'desc', kind: 'string' },
  placed_asc: { col: orders.placedAt, dir: 'asc', kind: 'string' },
  total_desc: { col: orders.totalCents, dir: 'desc', kind: 'number' },
  total_asc: { col: orders.totalCents, dir: 'asc', kind: 'number' },
} as const;

/** The WHERE of the order list and the CSV export: access, search and every filter. */
export function filterWhere(f: OrderFilters, access: SQL): (SQL | undefined)[] {
  const tz = env().SHOP_TIMEZONE;
  const where: (SQL | undefined)[] = [access, searchWhere(f.q, f.field)];
  if (f.status) where.push(eq(orders.status, f.status));
  if (f.channel) where.push(eq(orders.channel, f.channel));
  if (f.from) where.push(gte(orders.placedAt, sql`(${f.from}::date)::timestamp at time zone ${tz}`));
  if (f.to) where.push(lt(orders.placedAt, sql`((${f.to}::date) + 1)::timestamp at time zone ${tz}`));
  if (f.min !== undefined) where.push(gte(orders.totalCents, f.min));
  if (f.max !== undefined) where.push(lte(orders.totalCents, f.max));
  return where;
}

export async function listOrders({
  ctx,
  input,
  deleted = false,
}: {
  ctx: Ctx;
  input: unknown;
  deleted?: boolean;
}): Promise<Page<OrderListItemDto>> {
  const access = orderAccessWhere(ctx.actor, { deleted });
  const f = parseInput(ListOrdersInput, input);
  const sort = SORTS[f.sort];
  const where = filterWhere(f, access);
  const after = decodeCursor(f.cursor, [sort.kind, 'number']);
  if (after) {
    const value = sort.kind === 'string' ? sql`${after[0]}::timestamptz` : sql`${after[0]}::bigint`;
    where.push(
      sort.dir === 'desc'
        ? sql`(${sort.col}, ${orders.id}) < (${value}, ${after[1]})`
        : sql`(${sort.col}, ${orders.id}) > (${value}, ${after[1]})`,
    );
  }
  const order = sort.dir === 'desc' ? [desc(sort.col), desc(orders.id)] : [asc(sort.col), asc(orders.id)];

  const db = await getDb();
  const rows = await db
    .select({
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
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(ORDERS_PAGE_SIZE + 1);

  const page = toPage(rows, ORDERS_PAGE_SIZE, (r) => [
    sort.kind === 'string' ? r.placedAt.toISOString() : r.totalCents,
    r.id,
  ]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      orderNo: r.orderNo,
      channel: r.channel,
      status: r.status,
      customerName: r.customerName,
      totalCents: Number(r.totalCents),
      currency: r.currency,
      placedAt: r.placedAt.toISOString(),
      trackingNo: r.trackingNo,
      itemCount: Number(r.itemCount),
      version: r.version,
    })),
  };
}

/** One order with items, customer and timeline — or NotFound if the actor may not see it. */
export async function getOrder({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { orderNo: unknown; deleted?: boolean };
}): Promise<OrderDetailDto> {
  const access = orderAccessWhere(ctx.actor, { deleted: input.deleted });
  const orderNo = parseInput(orderNoField, input.orderNo).toUpperCase();
  const db = await getDb();
  const [row] = await db
    .select({ o: orders, c: customers })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(eq(orders.orderNo, orderNo), access))
    .limit(1);
  if (!row) throw new NotFoundError('order');
  const staff = isStaffViewer(ctx.actor!);
  const [items, events] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, row.o.id)).orderBy(asc(orderItems.id)),
    db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, row.o.id), staff ? undefined : eq(orderEvents.public, true)))
      .orderBy(desc(orderEvents.at), desc(orderEvents.id)),
  ]);
  const o = row.o;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    orderNo: o.orderNo,
    channel: o.channel,
    externalId: o.externalId,
    status: o.status,
    currency: o.currency,
    itemsTotalCents: Number(o.itemsTotalCents),
    shippingCents: Number(o.shippingCents),
    discountCents: Number(o.discountCents),
    totalCents: Number(o.totalCents),
    refundedCents: Number(o.refundedCents),
    placedAt: o.placedAt.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    deliveredAt: iso(o.deliveredAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    recipientName: o.recipientName,
    recipientPhoneMasked: o.recipientPhoneMasked,
    shippingRegion: o.shippingRegion,
    hasShippingAddress: !!o.shippingAddressEnc,
    notes: staff ? o.notes : null,
    version: o.version,
    deletedAt: iso(o.deletedAt),
    customer: {
      id: row.c.id,
      name: row.c.name,
      email: staff ? row.c.email : null,
      phoneMasked: row.c.phoneMasked,
      region: row.c.region,
    },
    items: items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPriceCents: Number(i.unitPriceCents),
      lineTotalCents: Number(i.lineTotalCents),
      refundedQuantity: i.refundedQuantity,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorLabel: staff ? e.actorLabel : '',
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      public: e.public,
    })),
  };
}

export async function listSavedViews({ ctx, scope }: { ctx: Ctx; scope: string }) {
  const actor = authorize(ctx.actor, 'read:order:any');
  const db = await getDb();
  return db
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(savedViews)
    .where(and(eq(savedViews.userId, actor.userId), eq(savedViews.scope, scope)))
    .orderBy(asc(savedViews.name));
}

/** Active products for the order form's SKU suggestions (a catalogue of hundreds, not millions). */
export async function listProductOptions({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'create:order:any');
  const db = await getDb();
  return db
    .select({ sku: products.sku, name: products.name, priceCents: products.priceCents })
    .from(products)
    .where(eq(products.active, true))
    .orderBy(asc(products.sku))
    .limit(1000);
}
