import 'server-only';
import { eq } from 'drizzle-orm';
import { customers, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { decryptNullable } from '@/lib/crypto';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { orderAccessWhere } from './policy';
import { orderNoField } from './schemas';
import { and } from 'drizzle-orm';

export type RevealedContact = {
  recipientPhone: string | null;
  shippingAddress: string | null;
  customerPhone: string | null;
};

/**
 * Shows an order's full phone numbers and street address to someone holding reveal:pii:any.
 * Each reveal is an audit event, written before the values leave the server.
 */
export async function revealOrderContact({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { orderNo: unknown };
}): Promise<RevealedContact> {
  authorize(ctx.actor, 'reveal:pii:any');
  const orderNo = parseInput(orderNoField, input.orderNo).toUpperCase();
  return transaction(async (tx) => {
    const [row] = await tx
      .select({ o: orders, c: customers })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(and(eq(orders.orderNo, orderNo), orderAccessWhere(ctx.actor)))
      .limit(1);
    if (!row) throw new NotFoundError('order');
    await recordAudit(tx, ctx, {
      action: 'order.reveal_pii',
      entityType: 'order',
      entityId: orderNo,
      after: { fields: ['recipientPhone', 'shippingAddress', 'customerPhone'] },
    });
    return {
      recipientPhone: decryptNullable(row.o.recipientPhoneEnc),
      shippingAddress: decryptNullable(row.o.shippingAddressEnc),
      customerPhone: decryptNullable(row.c.phoneEnc),
    };
  });
}
