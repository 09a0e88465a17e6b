import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { customers, orders, products, savedViews } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import type { OrderDetailDto, OrderListItemDto } from './dto';
import { accessSql, isStaffViewer, orderAccess, type OrderAccess } from './policy';
import { ListOrdersInput, orderNoField, type OrderFilters } from './schemas';
import { filterWhere, isPlainSearch, searchModeOf } from './search';
import { LIST_COLUMNS, listNewestOrders, loadOrderDetail, ORDERS_PAGE_SIZE } from './statements';

const SORTS = {
  placed_desc: { col: orders.placedAt, dir: 'desc', kind: 'string' },
  placed_asc: { col: orders.placedAt, dir: 'asc', kind: 'string' },
  total_desc: { col: orders.totalCents, dir: 'desc', kind: 'number' },
  total_asc: { col: orders.totalCents, dir: 'asc', kind: 'number' },
} as const;

/** Any filter or sort: built per call (the hot shapes are prepared in statements.ts). */
async function listFilteredOrders(db: Db, f: OrderFilters, access: OrderAccess, after: (string | number)[] | null) {
  const sort = SORTS[f.sort];
  const where = filterWhere(f, accessSql(access.kind, access.kind === 'own' ? access.userId : undefined));
  if (after) {
    const value = sort.kind === 'string' ? sql`${after[0]}::timestamptz` : sql`${after[0]}::bigint`;
    where.push(
      sort.dir === 'desc'
        ? sql`(${sort.col}, ${orders.id}) < (${value}, ${after[1]})`
        : sql`(${sort.col}, ${orders.id}) > (${value}, ${after[1]})`,
    );
  }
  const order = sort.dir === 'desc' ? [desc(sort.col), desc(orders.id)] : [asc(sort.col), asc(orders.id)];
  return db
    .select(LIST_COLUMNS)
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(ORDERS_PAGE_SIZE + 1);
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
  const access = orderAccess(ctx.actor, { deleted });
  const f = parseInput(ListOrdersInput, input);
  const sort = SORTS[f.sort];
  const after = decodeCursor(f.cursor, [sort.kind, 'number']);
  const db = await getDb();
  const rows = isPlainSearch(f)
    ? await listNewestOrders(db, access, { q: f.q, mode: searchModeOf(f.q, f.field) }, after)
    : await listFilteredOrders(db, f, access, after);
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
  const access = orderAccess(ctx.actor, { deleted: input.deleted });
  const orderNo = parseInput(orderNoField, input.orderNo).toUpperCase();
  const staff = isStaffViewer(ctx.actor!);
  const row = await loadOrderDetail(await getDb(), access, orderNo, staff);
  if (!row) throw new NotFoundError('order');
  const { items, events } = row;
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
