import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { orderItems, orders, products } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { orderAccessWhere } from '@/lib/orders/policy';
import { policiesFor } from '@/lib/returns/policies';
import { CASE_REASONS, evaluateAll } from '@/lib/returns/policy-engine';
import { parseInput } from '@/lib/validation';
import { openClaimsByItem } from './claims';
import { paidUnitCents } from './price-protection';
import { CASE_TYPES } from './workflow';

/**
 * What the request form shows before submission: the order's lines with what can still be claimed,
 * and for the chosen reason, whether each case type is possible and why (policy engine).
 */
export async function previewCasePolicy({ ctx, input }: { ctx: Ctx; input: { orderNo: string; reason: string } }) {
  const reason = parseInput(z.enum(CASE_REASONS), input.reason);
  const db = await getDb();
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.orderNo, input.orderNo.toUpperCase()), orderAccessWhere(ctx.actor)))
    .limit(1);
  if (!order) throw new NotFoundError('order');
  const lines = await db
    .select({
      id: orderItems.id,
      sku: orderItems.sku,
      name: orderItems.name,
      quantity: orderItems.quantity,
      refunded: orderItems.refundedQuantity,
      lineTotalCents: orderItems.lineTotalCents,
      returnable: products.returnable,
      exclusion: products.nonReturnableReason,
      warrantyDays: products.warrantyDays,
      category: products.category,
    })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.id));
  const claimed = await openClaimsByItem(db, order.id);
  // The strictest answer across the order's lines, per type.
  const policies = await policiesFor(
    db,
    lines.map((l) => l.category ?? ''),
  );
  const perLine = lines.map((l) =>
    evaluateAll({
      policy: policies.get(l.category ?? ''),
      reason,
      now: new Date(),
      timeZone: env().SHOP_TIMEZONE,
      item: {
        exclusion: l.returnable === false ? ((l.exclusion as never) ?? 'confirmed') : null,
        warrantyDays: l.warrantyDays ?? 0,
        deliveredAt: order.deliveredAt,
        purchasedAt: order.placedAt,
      },
    }),
  );
  const answers = Object.fromEntries(
    CASE_TYPES.map((type) => {
      const list = perLine.map((p) => p[type]);
      return [type, list.find((a) => !a.eligible) ?? list[0] ?? { eligible: false, code: 'type_not_offered' }];
    }),
  );
  return {
    orderNo: order.orderNo,
    status: order.status,
    currency: order.currency,
    lines: lines.map((l) => {
      const inOpenCases = claimed.get(l.id) ?? 0;
      return {
        sku: l.sku,
        name: l.name,
        available: Math.max(0, l.quantity - l.refunded - inOpenCases),
        inOpenCases,
        // Price protection asks for the lower price: the form shows what was paid beside it.
        paidUnitCents: paidUnitCents({ lineTotalCents: Number(l.lineTotalCents), quantity: l.quantity }),
      };
    }),
    answers: answers as Record<(typeof CASE_TYPES)[number], { eligible: boolean; code: string; until?: string }>,
  };
}
