import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { chatMessages, chats, customers, orders, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { getDb } from '@/db/client';
import { ForbiddenError, RateLimitedError, ValidationError } from '@/lib/errors';
import { hit } from '@/lib/rate-limit';
import { parseInput } from '@/lib/validation';
import { announceChat } from './announce';
import { newChatToken, hashChatToken } from './policy';
import { lockChatSettings, offerChat } from './routing';
import { StartChatInput } from './schemas';

/** Visitors open a few chats an hour from one address, not dozens. */
const VISITOR_START_LIMIT = { limit: 11, windowSeconds: 3600, blockSeconds: 900 };

export type StartedChat = { chatId: string; offeredTo: string | null; visitorToken: string | null };

/**
 * Opens a chat (#14): a signed-in customer (`use:chat:own`), optionally about one of their orders,
 * or a visitor of the help center who gives a name and an e-mail and gets a token for this chat
 * only. The chat waits in the queue and is offered to the first free agent at once. Staff do not
 * start chats with themselves.
 */
export async function startChat({
  ctx,
  input,
  locale = 'zh-CN',
}: {
  ctx: Ctx;
  input: unknown;
  locale?: string;
}): Promise<StartedChat> {
  const actor = ctx.actor;
  if (actor && !can(actor, 'use:chat:own')) throw new ForbiddenError('use:chat:own');
  const data = parseInput(StartChatInput, input);
  if (!actor) {
    const errors: Record<string, string[]> = {};
    if (!data.name) errors.name = ['required'];
    if (!data.email) errors.email = ['required'];
    if (Object.keys(errors).length) throw new ValidationError(errors);
    if (data.orderNo) throw new ValidationError({ orderNo: ['sign_in_required'] });
    const blocked = await hit(await getDb(), `chat:start:${ctx.ip ?? 'unknown'}`, VISITOR_START_LIMIT);
    if (blocked > 0) throw new RateLimitedError(blocked);
  }

  return transaction(async (tx) => {
    let who = { customerId: null as string | null, name: data.name, email: data.email.toLowerCase() };
    let orderId: number | null = null;
    if (actor) {
      const [me] = await tx
        .select({ customerId: customers.id, name: users.name, email: users.email })
        .from(users)
        .leftJoin(customers, eq(customers.userId, users.id))
        .where(eq(users.id, actor.userId))
        .orderBy(asc(customers.createdAt))
        .limit(1);
      who = { customerId: me?.customerId ?? null, name: me?.name ?? '', email: me?.email ?? '' };
      if (data.orderNo) {
        const [order] = await tx
          .select({ id: orders.id })
          .from(orders)
          .innerJoin(customers, eq(customers.id, orders.customerId))
          .where(and(eq(orders.orderNo, data.orderNo), eq(customers.userId, actor.userId), isNull(orders.deletedAt)))
          .limit(1);
        // Another customer's order is indistinguishable from one that does not exist.
        if (!order) throw new ValidationError({ orderNo: ['not_found'] });
        orderId = order.id;
      }
    }
    const visitorToken = actor ? null : newChatToken();
    const settings = await lockChatSettings(tx);
    const [chat] = await tx
      .insert(chats)
      .values({
        userId: actor?.userId ?? null,
        customerId: who.customerId,
        visitorName: who.name,
        visitorEmail: who.email,
        visitorTokenHash: visitorToken ? hashChatToken(visitorToken) : null,
        locale,
        orderId,
        teamId: settings.teamId,
      })
      .returning({ id: chats.id, teamId: chats.teamId, passedBy: chats.passedBy });
    let messageId: number | null = null;
    if (data.body) {
      const [m] = await tx
        .insert(chatMessages)
        .values({ chatId: chat!.id, author: 'customer', authorId: actor?.userId ?? null, body: data.body })
        .returning({ id: chatMessages.id });
      messageId = m!.id;
    }
    const offeredTo = await offerChat(tx, settings, chat!);
    await recordAudit(tx, ctx, {
      action: 'chat.started',
      entityType: 'chat',
      entityId: chat!.id,
      actorLabel: actor ? undefined : 'visitor',
      after: { customer: Boolean(who.customerId), orderId, offeredTo },
    });
    await announceChat(tx, {
      chatId: chat!.id,
      status: 'waiting',
      messageId,
      userId: actor?.userId ?? null,
      customerId: who.customerId,
      assigneeId: null,
      offeredToId: offeredTo,
    });
    return { chatId: chat!.id, offeredTo, visitorToken };
  });
}
