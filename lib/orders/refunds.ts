import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orderEvents, orderItems, orders } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { Ctx } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publish';
import { checkTransition } from './workflow';

export type RefundLine = { orderItemId: number; quantity: number; cents: number };

/**
 * Records a completed refund on the order (called by after-sales inside its own transaction):
 * refunded quantities and amounts per item and in total, and the order status becomes refunded or
 * partially refunded. Nothing can be refunded beyond what was paid — checked here with a clear
 * error, and guaranteed again by the tables' check constraints.
 */
export async function applyRefundToOrder(
  tx: Tx,
  ctx: Ctx,
  input: { orderId: number; lines: RefundLine[]; totalCents: number; caseNo: string },
) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw new AppError('not_found');
  const refunded = Number(order.refundedCents) + input.totalCents;
  if (input.totalCents <= 0 || refunded > Number(order.totalCents)) throw new AppError('refund_exceeds_paid');

  const ids = input.lines.map((l) => l.orderItemId);
  const items = ids.length ? await tx.select().from(orderItems).where(inArray(orderItems.id, ids)).for('update') : [];
  for (const line of input.lines) {
    const item = items.find((i) => i.id === line.orderItemId);
    if (!item || item.orderId !== order.id) throw new AppError('not_found');
    if (
      item.refundedQuantity + line.quantity > item.quantity ||
      Number(item.refundedCents) + line.cents > Number(item.lineTotalCents)
    ) {
      throw new AppError('refund_exceeds_paid');
    }
    await tx
      .update(orderItems)
      .set({
        refundedQuantity: sql`${orderItems.refundedQuantity} + ${line.quantity}`,
        refundedCents: sql`${orderItems.refundedCents} + ${line.cents}`,
      })
      .where(eq(orderItems.id, item.id));
  }

  const to = refunded === Number(order.totalCents) ? 'refunded' : 'partially_refunded';
  const changesStatus = order.status !== to;
  if (changesStatus && !checkTransition(order.status, to, 'system').ok)
    throw new AppError('order_not_refundable', undefined, { status: order.status });
  const [after] = await tx
    .update(orders)
    .set({ refundedCents: refunded, status: to, version: order.version + 1, updatedAt: sql`now()` })
    .where(eq(orders.id, order.id))
    .returning();
  await tx.insert(orderEvents).values({
    orderId: order.id,
    actorId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor?.email ?? 'system',
    kind: 'refunded',
    fromStatus: changesStatus ? order.status : null,
    toStatus: changesStatus ? to : null,
    note: input.caseNo,
  });
  await recordAudit(tx, ctx, {
    action: 'order.refund',
    entityType: 'order',
    entityId: order.orderNo,
    before: { status: order.status, refundedCents: Number(order.refundedCents) },
    after: { status: to, refundedCents: refunded, caseNo: input.caseNo },
  });
  await publish(tx, {
    type: 'order',
    orderNo: order.orderNo,
    status: to,
    version: after!.version,
    customerId: order.customerId,
  });
}
