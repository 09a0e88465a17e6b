import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { customers, orderEvents, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { normalizePhone, phoneHashes } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { hit, blockedFor } from '@/lib/rate-limit';
import { RateLimitedError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { getDb } from '@/db/client';
import { publish } from '@/lib/realtime/publish';
import { ClaimOrderInput } from './schemas';

/**
 * A portal customer claims an order placed elsewhere (another channel, by phone, imported) by
 * proving they know the phone number or e-mail on it. The order's customer record is then linked
 * to their account, so its other orders appear too. Every failure looks the same, and attempts are
 * throttled, so the form cannot be used to probe who ordered what.
 */
export async function claimOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ orderNo: string }> {
  const actor = authorize(ctx.actor, 'claim:order:own');
  const data = parseInput(ClaimOrderInput, input);
  const key = `claim:user:${actor.userId}`;
  const db = await getDb();
  const blocked = await blockedFor(db, [key]);
  if (blocked > 0) throw new RateLimitedError(blocked);

  const orderNo = data.orderNo.toUpperCase();
  const contact = data.contact.trim();
  const isEmail = contact.includes('@');
  const outcome = await transaction(async (tx) => {
    const [row] = await tx
      .select({
        orderId: orders.id,
        status: orders.status,
        version: orders.version,
        customerId: customers.id,
        userId: customers.userId,
        email: customers.email,
        phoneHash: customers.phoneHash,
        recipientPhoneHash: orders.recipientPhoneHash,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(and(eq(orders.orderNo, orderNo), isNull(orders.deletedAt)))
      .for('update');
    const matches =
      !!row &&
      (isEmail
        ? row.email === contact.toLowerCase()
        : normalizePhone(contact).length >= 7 &&
          phoneHashes(contact).some((h) => h === row.phoneHash || h === row.recipientPhoneHash));
    if (!row || !matches || (row.userId && row.userId !== actor.userId)) {
      await hit(tx, key, { limit: 10, windowSeconds: 3600, blockSeconds: 3600 });
      return null;
    }
    if (row.userId === actor.userId) return { orderNo };
    await tx
      .update(customers)
      .set({ userId: actor.userId, updatedAt: sql`now()` })
      .where(eq(customers.id, row.customerId));
    await tx
      .insert(orderEvents)
      .values({ orderId: row.orderId, actorId: actor.userId, actorLabel: actor.email, kind: 'claimed', public: false });
    await recordAudit(tx, ctx, {
      action: 'order.claim',
      entityType: 'customer',
      entityId: row.customerId,
      before: { userId: null },
      after: { userId: actor.userId, via: orderNo },
    });
    // The customer's open streams learn of the newly linked record before they hear about its order.
    await publish(tx, { type: 'access', userId: actor.userId });
    await publish(tx, { type: 'order', orderNo, status: row.status, version: row.version, customerId: row.customerId });
    return { orderNo };
  });
  if (!outcome) throw new AppError('claim_failed');
  return outcome;
}
