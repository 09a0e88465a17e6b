import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { caseMessages, chatMessages, chats, customers, orders, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import { openCaseInTx } from '@/lib/cases/open-case';
import { CreateCaseInput } from '@/lib/cases/schemas';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { messagesFor } from '@/lib/i18n/server';
import { createTranslator } from '@/lib/i18n/translate';
import { parseInput } from '@/lib/validation';
import { announceChat } from './announce';
import { chatViewer, lockVisibleChat, type ChatRow } from './policy';

export const ChatToCaseInput = CreateCaseInput.extend({ chatId: z.uuid('not_found') });

/**
 * One click from a conversation to a case (#14): the agent holding the chat (or a supervisor)
 * opens a case of the chosen type on the chosen order — the customer's own, when the chat is a
 * signed-in customer's — through the same path as every case (policy engine, SLA, routing), with
 * the transcript kept on the case as an internal note and the chat and the case linked both ways.
 */
export async function turnChatIntoCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ caseNo: string }> {
  const actor = authorize(ctx.actor, 'answer:chat:any');
  authorize(actor, 'create:case:any');
  const data = parseInput(ChatToCaseInput, input);
  return transaction(async (tx) => {
    const chat = await lockVisibleChat(tx, chatViewer(actor), data.chatId);
    if (chat.assigneeId !== actor.userId && !can(actor, 'supervise:chat:any')) throw new NotFoundError('chat');
    if (chat.caseId) throw new ConflictError('already_case');
    if (chat.userId || chat.customerId) await expectCustomersOrder(tx, chat, data.orderNo);
    const { chatId, ...caseInput } = data;
    const opened = await openCaseInTx(tx, ctx, caseInput);
    const [agent] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    await tx.insert(caseMessages).values({
      caseId: opened.id,
      authorId: actor.userId,
      authorLabel: agent?.name ?? actor.email,
      authorKind: 'agent',
      body: await transcript(tx, chat),
      internal: true,
    });
    await tx
      .update(chats)
      .set({ caseId: opened.id, updatedAt: sql`now()`, version: sql`${chats.version} + 1` })
      .where(eq(chats.id, chatId));
    const [line] = await tx
      .insert(chatMessages)
      .values({ chatId, author: 'system', authorId: actor.userId, body: `case:${opened.caseNo}` })
      .returning({ id: chatMessages.id });
    await recordAudit(tx, ctx, {
      action: 'chat.case_opened',
      entityType: 'chat',
      entityId: chatId,
      after: { caseNo: opened.caseNo, type: data.type },
    });
    await announceChat(tx, {
      chatId,
      status: chat.status,
      messageId: line!.id,
      userId: chat.userId,
      customerId: chat.customerId,
      assigneeId: chat.assigneeId,
      offeredToId: chat.offeredToId,
    });
    return { caseNo: opened.caseNo };
  });
}

/** A signed-in customer's chat becomes a case on one of their own orders only. */
async function expectCustomersOrder(tx: Tx, chat: ChatRow, orderNo: string): Promise<void> {
  const owner = chat.userId
    ? sql`${customers.userId} = ${chat.userId}`
    : sql`${customers.userId} = (select ${customers.userId} from ${customers} where ${customers.id} = ${chat.customerId})`;
  const [own] = await tx
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(sql`${orders.orderNo} = ${orderNo} and (${orders.customerId} = ${chat.customerId} or ${owner})`)
    .limit(1);
  if (!own) throw new ValidationError({ orderNo: ['not_customers_order'] });
}

/** The conversation as text, notes marked, system lines left out. */
async function transcript(tx: Tx, chat: ChatRow): Promise<string> {
  const rows = await tx
    .select({
      author: chatMessages.author,
      name: users.name,
      body: chatMessages.body,
      internal: chatMessages.internal,
      at: chatMessages.createdAt,
    })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.authorId))
    .where(eq(chatMessages.chatId, chat.id))
    .orderBy(asc(chatMessages.id));
  // For the staff who read the case: the shop's language and clock.
  const { DEFAULT_LOCALE: locale, SHOP_TIMEZONE: zone } = env();
  const t = createTranslator(messagesFor(locale));
  const lines = rows
    .filter((r) => r.author !== 'system')
    .map((r) => {
      const who = r.author === 'customer' ? chat.visitorName : (r.name ?? '—');
      const note = r.internal ? ` ${t('chat.transcriptNote')}` : '';
      return `[${formatDateTime(r.at, locale, zone)}] ${who}${note}: ${r.body}`;
    });
  return [t('chat.transcriptTitle'), ...lines].join('\n');
}
