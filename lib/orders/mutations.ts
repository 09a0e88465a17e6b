import 'server-only';
import { and, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { orderEvents, orderItems, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { encryptNullable, recipientPhoneColumns } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError, expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publish';
import { currencyLockItem } from '@/lib/shop/settings';
import { parseInput } from '@/lib/validation';
import { findOrCreateCustomer } from './customer-match';
import { lifecycleStamps, loadOrderRules, ruleErrors, type OrderRules } from './order-rules';
import { priceOrder } from './pricing';
import {
  BulkChangeStatusInput,
  ChangeOrderStatusInput,
  CreateOrderInput,
  OrderRefInput,
  UpdateOrderInput,
  type CreateOrderData,
} from './schemas';
import { checkTransition, itemsEditable, timestampFor, type OrderStatus } from './workflow';

type OrderRow = typeof orders.$inferSelect;

/**
 * The next order number. Also takes the shop-currency lock shared (held to the end of the
 * transaction), so the insert that follows reads the currency no change can alter meanwhile.
 */
async function nextOrderNo(tx: Tx): Promise<string> {
  const result = await tx.execute<{ n: string; d: string }>(
    sql`select nextval('order_no_seq')::text as n, to_char(now() at time zone ${env().SHOP_TIMEZONE}, 'YYYYMMDD') as d, ${currencyLockItem} as locked`,
  );
  const row = rowsOf<{ n: string; d: string }>(result)[0]!;
  return `SO${row.d}${row.n.padStart(6, '0')}`;
}

export async function lockOrder(tx: Tx, orderNo: string, opts: { deleted?: boolean } = {}): Promise<OrderRow> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.orderNo, orderNo.toUpperCase()),
        opts.deleted ? isNotNull(orders.deletedAt) : isNull(orders.deletedAt),
      ),
    )
    .for('update');
  if (!row) throw new NotFoundError('order');
  return row;
}

function checkVersion(row: OrderRow, version: number | undefined) {
  expectVersion(row.version, version);
}

function actorLabel(ctx: Ctx): string {
  return ctx.actor?.email ?? 'system';
}

async function addEvent(
  tx: Tx,
  ctx: Ctx,
  orderId: number,
  e: {
    kind: string;
    fromStatus?: OrderStatus | null;
    toStatus?: OrderStatus | null;
    note?: string | null;
    public?: boolean;
  },
) {
  await tx.insert(orderEvents).values({
    orderId,
    actorId: ctx.actor?.userId ?? null,
    actorLabel: actorLabel(ctx),
    kind: e.kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    note: e.note ?? null,
    public: e.public ?? true,
  });
}

/** Audit snapshot of an order: amounts, status, logistics — personal data only as masked values. */
export function orderSnapshot(o: Partial<OrderRow>) {
  return {
    status: o.status,
    channel: o.channel,
    externalId: o.externalId,
    totalCents: o.totalCents,
    shippingCents: o.shippingCents,
    discountCents: o.discountCents,
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    recipientName: o.recipientName,
    recipientPhone: o.recipientPhoneMasked,
    shippingRegion: o.shippingRegion,
    shippingAddress: o.shippingAddressEnc ? '[encrypted]' : null,
    notes: o.notes,
  };
}

export type InsertOrderOptions = {
  /** The shop's rules, loaded once by a caller that inserts many orders. */
  rules?: OrderRules;
  /** A history import: marks the order so no survey is offered, and tells no one in real time. */
  history?: boolean;
  /**
   * The caller already looked for this channel + external id (the import, per batch): skip the
   * lookup; a concurrent insert of the same order still fails on the unique index.
   */
  externalIdChecked?: boolean;
};

/**
 * Inserts an order whose input is already validated. Shared by the desk form, CSV import and the
 * channel API; the caller has authorised and owns the transaction. Refuses (as field errors) an
 * unknown or retired channel, a currency other than the shop's, unknown or archived SKUs and
 * amounts that do not add up, all at once.
 */
export async function insertOrder(
  tx: Tx,
  ctx: Ctx,
  data: CreateOrderData,
  eventKind = 'created',
  opts: InsertOrderOptions = {},
): Promise<{ orderNo: string; id: number }> {
  if (data.externalId && !opts.externalIdChecked) {
    const [dupe] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.channel, data.channel), eq(orders.externalId, data.externalId)))
      .limit(1);
    if (dupe) throw new ValidationError({ externalId: ['duplicate_external_id'] });
  }
  const rules = opts.rules ?? (await loadOrderRules(tx));
  const priced = await priceOrder(tx, data, ruleErrors(data, rules));
  const customerId = await findOrCreateCustomer(tx, {
    name: data.customer.name,
    phone: data.customer.phone ?? data.recipientPhone,
    email: data.customer.email,
    region: data.shippingRegion,
    address: data.shippingAddress,
    channel: data.channel,
    externalId: data.customer.externalId,
  });
  const placedAt = data.placedAt ?? new Date();
  const recipientPhone = data.recipientPhone ?? data.customer.phone;
  const orderNo = await nextOrderNo(tx);
  const [created] = await tx
    .insert(orders)
    .values({
      orderNo,
      channel: data.channel,
      externalId: data.externalId ?? null,
      customerId,
      status: data.status,
      currency: rules.currency,
      itemsTotalCents: priced.itemsTotalCents,
      shippingCents: data.shippingCents,
      discountCents: data.discountCents,
      totalCents: priced.totalCents,
      placedAt,
      ...lifecycleStamps(data, placedAt),
      carrier: data.carrier ?? null,
      trackingNo: data.trackingNo ?? null,
      recipientName: data.recipientName ?? data.customer.name,
      ...recipientPhoneColumns(recipientPhone),
      shippingRegion: data.shippingRegion ?? null,
      shippingAddressEnc: encryptNullable(data.shippingAddress),
      notes: data.notes ?? null,
      history: opts.history ?? false,
    })
    // Read after nextOrderNo took the currency lock: the shop currency as it stands now.
    .returning({
      ...getTableColumns(orders),
      shopCurrency: sql<string>`(select currency from shop_settings where id = 1)`,
    });
  const { shopCurrency, ...order } = created!;
  if (shopCurrency && shopCurrency !== rules.currency)
    throw new AppError('currency_changed', undefined, { currency: shopCurrency });
  await tx.insert(orderItems).values(priced.lines.map((l) => ({ orderId: order.id, ...l })));
  await addEvent(tx, ctx, order.id, { kind: eventKind, toStatus: data.status });
  await recordAudit(tx, ctx, {
    action: 'order.create',
    entityType: 'order',
    entityId: orderNo,
    actorLabel: actorLabel(ctx),
    after: { ...orderSnapshot(order), items: priced.lines.map((l) => `${l.sku}×${l.quantity}`) },
  });
  if (!opts.history)
    await publish(tx, { type: 'order', orderNo, status: order.status, version: order.version, customerId });
  return { orderNo, id: order.id };
}

export async function createOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ orderNo: string }> {
  authorize(ctx.actor, 'create:order:any');
  const data = parseInput(CreateOrderInput, input);
  const { orderNo } = await transaction((tx) => insertOrder(tx, ctx, data));
  return { orderNo };
}

export async function updateOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, 'update:order:any');
  const data = parseInput(UpdateOrderInput, input);
  return transaction(async (tx) => {
    const before = await lockOrder(tx, data.orderNo);
    checkVersion(before, data.version);
    const changesItems =
      data.items !== undefined || data.shippingCents !== undefined || data.discountCents !== undefined;
    if (changesItems && !itemsEditable(before.status)) throw new AppError('items_locked');

    const patch: Partial<typeof orders.$inferInsert> = {
      recipientName: data.recipientName ?? null,
      shippingRegion: data.shippingRegion ?? null,
      carrier: data.carrier ?? null,
      trackingNo: data.trackingNo ?? null,
      notes: data.notes ?? null,
      ...recipientPhoneColumns(data.recipientPhone),
    };
    // The address is write-only in the form: left empty, the stored one is kept.
    if (data.shippingAddress) patch.shippingAddressEnc = encryptNullable(data.shippingAddress);
    if (!data.recipientPhone) {
      patch.recipientPhoneEnc = before.recipientPhoneEnc;
      patch.recipientPhoneHash = before.recipientPhoneHash;
      patch.recipientPhoneMasked = before.recipientPhoneMasked;
    }
    if (['shipped', 'delivered', 'completed'].includes(before.status) && !data.trackingNo) {
      throw new ValidationError({ trackingNo: ['tracking_required'] });
    }
    if (changesItems) {
      const shippingCents = data.shippingCents ?? Number(before.shippingCents);
      const discountCents = data.discountCents ?? Number(before.discountCents);
      const items =
        data.items ??
        (await tx.select().from(orderItems).where(eq(orderItems.orderId, before.id))).map((i) => ({
          sku: i.sku,
          quantity: i.quantity,
          unitPriceCents: Number(i.unitPriceCents),
        }));
      const priced = await priceOrder(tx, { items, shippingCents, discountCents });
      Object.assign(patch, {
        itemsTotalCents: priced.itemsTotalCents,
        totalCents: priced.totalCents,
        shippingCents,
        discountCents,
      });
      if (data.items) {
        await tx.delete(orderItems).where(eq(orderItems.orderId, before.id));
        await tx.insert(orderItems).values(priced.lines.map((l) => ({ orderId: before.id, ...l })));
      }
    }
    const [after] = await tx
      .update(orders)
      .set({ ...patch, version: before.version + 1, updatedAt: sql`now()` })
      .where(eq(orders.id, before.id))
      .returning();
    await addEvent(tx, ctx, before.id, { kind: 'edited', public: false });
    await recordAudit(tx, ctx, {
      action: 'order.update',
      entityType: 'order',
      entityId: before.orderNo,
      before: orderSnapshot(before),
      after: orderSnapshot(after!),
    });
    await publish(tx, {
      type: 'order',
      orderNo: before.orderNo,
      status: after!.status,
      version: after!.version,
      customerId: before.customerId,
    });
    return { version: after!.version };
  });
}

/** Moves one order through its lifecycle inside the caller's transaction (also used by bulk and API). */
export async function transitionOrder(
  tx: Tx,
  ctx: Ctx,
  input: { orderNo: string; version?: number; to: OrderStatus; note?: string; carrier?: string; trackingNo?: string },
): Promise<{ version: number; status: OrderStatus }> {
  const before = await lockOrder(tx, input.orderNo);
  checkVersion(before, input.version);
  const trackingNo = input.trackingNo ?? before.trackingNo;
  const check = checkTransition(before.status, input.to, 'agent', { trackingNo });
  if (!check.ok) {
    if (check.code === 'tracking_required') throw new ValidationError({ trackingNo: ['tracking_required'] });
    throw new AppError(check.code, undefined, { from: before.status, to: input.to });
  }
  const stamp = timestampFor(input.to);
  const [after] = await tx
    .update(orders)
    .set({
      status: input.to,
      ...(stamp ? { [stamp]: sql`now()` } : {}),
      ...(input.to === 'shipped' ? { trackingNo, carrier: input.carrier ?? before.carrier } : {}),
      version: before.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, before.id))
    .returning();
  await addEvent(tx, ctx, before.id, {
    kind: 'status_changed',
    fromStatus: before.status,
    toStatus: input.to,
    note: input.note,
  });
  await recordAudit(tx, ctx, {
    action: 'order.status_change',
    entityType: 'order',
    entityId: before.orderNo,
    before: { status: before.status, trackingNo: before.trackingNo },
    after: { status: input.to, trackingNo: after!.trackingNo, note: input.note },
  });
  await publish(tx, {
    type: 'order',
    orderNo: before.orderNo,
    status: input.to,
    version: after!.version,
    customerId: before.customerId,
  });
  return { version: after!.version, status: input.to };
}

export async function changeOrderStatus({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'update:order:any');
  const data = parseInput(ChangeOrderStatusInput, input);
  return transaction((tx) => transitionOrder(tx, ctx, data));
}

export type BulkResult = { orderNo: string; ok: boolean; code?: string };

/** Each order in its own transaction: one refused transition does not hold back the rest. */
export async function bulkChangeOrderStatus({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BulkResult[]> {
  authorize(ctx.actor, 'update:order:any');
  const data = parseInput(BulkChangeStatusInput, input);
  const results: BulkResult[] = [];
  for (const orderNo of [...new Set(data.orderNos)]) {
    try {
      await transaction((tx) => transitionOrder(tx, ctx, { orderNo, to: data.to, note: data.note }));
      results.push({ orderNo, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // A missing tracking number is a field error on a single order; in bulk it is the reason.
      const code = err instanceof ValidationError ? (Object.values(err.fieldErrors)[0]?.[0] ?? err.code) : err.code;
      results.push({ orderNo, ok: false, code });
    }
  }
  return results;
}

export async function deleteOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'delete:order:any');
  const data = parseInput(OrderRefInput, input);
  await transaction(async (tx) => {
    const before = await lockOrder(tx, data.orderNo);
    checkVersion(before, data.version);
    const [after] = await tx
      .update(orders)
      .set({ deletedAt: sql`now()`, version: before.version + 1, updatedAt: sql`now()` })
      .where(eq(orders.id, before.id))
      .returning();
    await addEvent(tx, ctx, before.id, { kind: 'deleted', public: false });
    await recordAudit(tx, ctx, { action: 'order.delete', entityType: 'order', entityId: before.orderNo });
    await publish(tx, {
      type: 'order',
      orderNo: before.orderNo,
      status: before.status,
      version: after!.version,
      customerId: before.customerId,
    });
  });
}

export async function restoreOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'restore:order:any');
  const data = parseInput(OrderRefInput, input);
  await transaction(async (tx) => {
    const before = await lockOrder(tx, data.orderNo, { deleted: true });
    expectVersion(before.version, data.version);
    const [after] = await tx
      .update(orders)
      .set({ deletedAt: null, version: before.version + 1, updatedAt: sql`now()` })
      .where(eq(orders.id, before.id))
      .returning();
    await addEvent(tx, ctx, before.id, { kind: 'restored', public: false });
    await recordAudit(tx, ctx, { action: 'order.restore', entityType: 'order', entityId: before.orderNo });
    await publish(tx, {
      type: 'order',
      orderNo: before.orderNo,
      status: before.status,
      version: after!.version,
      customerId: before.customerId,
    });
  });
}

/**
 * Removes a deleted order for good. Only from the bin, only by admins; an order with after-sales
 * cases can never be purged (the cases' foreign key refuses it, so the database itself guarantees it).
 */
export async function purgeOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'purge:order:any');
  const data = parseInput(OrderRefInput, input);
  await transaction(async (tx) => {
    const before = await lockOrder(tx, data.orderNo, { deleted: true });
    await tx.delete(orders).where(eq(orders.id, before.id));
    await recordAudit(tx, ctx, {
      action: 'order.purge',
      entityType: 'order',
      entityId: before.orderNo,
      before: orderSnapshot(before),
    });
  });
}
