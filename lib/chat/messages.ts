import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { chatMessages, chats, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import type { Ctx } from '@/lib/context';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '@/lib/errors';
import { hit } from '@/lib/rate-limit';
import { publish } from '@/lib/realtime/publish';
import { parseInput } from '@/lib/validation';
import { announceChat } from './announce';
import { chatAccessSql, chatViewer, isStaff, lockVisibleChat, type ChatViewer } from './policy';
import { ChatMessagesInput, ChatRefInput, SendChatMessageInput } from './schemas';

/** At most this many messages per read; a client that is further behind reads again from the last. */
export const CHAT_PAGE = 200;

export type ChatMessageDto = {
  id: number;
  author: 'customer' | 'agent' | 'system';
  authorName: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
};

/** A person types perhaps one message every few seconds; a flood is a script. */
const SEND_LIMIT = { limit: 31, windowSeconds: 60, blockSeconds: 60 };

type Who = { ctx: Ctx; input: unknown; visitorToken?: string | null };

/**
 * Sends a message into a chat. The customer (or visitor) writes into their own chat while it is
 * open; an agent writes into a chat they hold; a supervisor may add internal notes to any chat.
 * A message is stored, audited and announced in one transaction before the sender hears "sent",
 * and a retry with the same client id returns the stored message instead of a second one.
 */
export async function sendChatMessage({ ctx, input, visitorToken }: Who): Promise<{ id: number; duplicate: boolean }> {
  const viewer = chatViewer(ctx.actor, visitorToken);
  const data = parseInput(SendChatMessageInput, input);
  if (data.internal && !isStaff(viewer)) throw new ValidationError({ internal: ['invalid'] });
  if (!isStaff(viewer)) {
    // Counted before the transaction, so a refused message still counts (and a flood stays refused).
    const blocked = await hit(await getDb(), `chat:send:${data.chatId}:${ctx.ip ?? 'unknown'}`, SEND_LIMIT);
    if (blocked > 0) throw new RateLimitedError(blocked);
  }

  return transaction(async (tx) => {
    const chat = await lockVisibleChat(tx, viewer, data.chatId);
    if (chat.status === 'ended' || chat.status === 'missed') throw new ConflictError('chat_ended');
    const staff = isStaff(viewer);
    if (staff && !data.internal && chat.assigneeId !== viewer.actor.userId) {
      // Agents only see chats they hold or the queue; taking one from the queue comes first.
      throw new ConflictError('not_your_chat');
    }
    if (data.clientId) {
      const [existing] = await tx
        .select({ id: chatMessages.id })
        .from(chatMessages)
        .where(and(eq(chatMessages.chatId, chat.id), eq(chatMessages.clientId, data.clientId)));
      if (existing) return { id: existing.id, duplicate: true };
    }
    const author = staff ? 'agent' : 'customer';
    const [m] = await tx
      .insert(chatMessages)
      .values({
        chatId: chat.id,
        author,
        authorId: ctx.actor?.userId ?? null,
        body: data.body,
        internal: data.internal,
        clientId: data.clientId ?? null,
      })
      .returning({ id: chatMessages.id });
    const firstAnswer = staff && !data.internal && !chat.firstAnswerAt;
    await tx
      .update(chats)
      .set({
        updatedAt: sql`now()`,
        ...(firstAnswer ? { firstAnswerAt: sql`now()` } : {}),
        // The sender has read everything up to their own message.
        ...(staff ? { agentReadId: m!.id } : { customerReadId: m!.id }),
      })
      .where(eq(chats.id, chat.id));
    await recordAudit(tx, ctx, {
      action: data.internal ? 'chat.note' : 'chat.message',
      entityType: 'chat',
      entityId: chat.id,
      actorLabel: ctx.actor ? undefined : 'visitor',
      // What was said stays in the chat; the trail records that something was, and how much.
      after: { messageId: m!.id, author, length: data.body.length },
    });
    await announceChat(tx, {
      chatId: chat.id,
      status: chat.status,
      messageId: m!.id,
      userId: chat.userId,
      customerId: chat.customerId,
      assigneeId: chat.assigneeId,
      offeredToId: chat.offeredToId,
    });
    return { id: m!.id, duplicate: false };
  });
}

export type ChatMessagesPage = {
  status: string;
  messages: ChatMessageDto[];
  /** More messages follow: read again after the last one. */
  more: boolean;
  /** The last message id the other side has read (for "read" marks). */
  otherReadId: number;
};

/**
 * A chat's messages after `after` (the client's last, or Last-Event-ID on a reconnect), oldest
 * first: exactly what the reader missed, never one twice. Customers never see internal notes.
 */
export async function listChatMessages({ ctx, input, visitorToken }: Who): Promise<ChatMessagesPage> {
  const viewer = chatViewer(ctx.actor, visitorToken);
  const data = parseInput(ChatMessagesInput, input);
  const db = await getDb();
  const [chat] = await db
    .select({ status: chats.status, customerReadId: chats.customerReadId, agentReadId: chats.agentReadId })
    .from(chats)
    .where(and(eq(chats.id, data.chatId), chatAccessSql(viewer)));
  if (!chat) throw new NotFoundError('chat');
  const staff = isStaff(viewer);
  const rows = await db
    .select({
      id: chatMessages.id,
      author: chatMessages.author,
      authorName: users.name,
      body: chatMessages.body,
      internal: chatMessages.internal,
      createdAt: chatMessages.createdAt,
    })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.authorId))
    .where(
      and(
        eq(chatMessages.chatId, data.chatId),
        gt(chatMessages.id, data.after),
        staff ? undefined : eq(chatMessages.internal, false),
      ),
    )
    .orderBy(asc(chatMessages.id))
    .limit(CHAT_PAGE + 1);
  return {
    status: chat.status,
    messages: rows.slice(0, CHAT_PAGE).map((r) => ({
      ...r,
      // A visitor is named by the chat itself; staff by their account (agents see whom they talk to).
      authorName: r.author === 'customer' ? null : r.authorName,
      createdAt: r.createdAt.toISOString(),
    })),
    more: rows.length > CHAT_PAGE,
    otherReadId: staff ? chat.customerReadId : chat.agentReadId,
  };
}

/** The reader has seen the chat up to `after`; the other side's "read" mark follows. */
export async function markChatRead({ ctx, input, visitorToken }: Who): Promise<void> {
  const viewer: ChatViewer = chatViewer(ctx.actor, visitorToken);
  const data = parseInput(ChatMessagesInput, input);
  const column = isStaff(viewer) ? chats.agentReadId : chats.customerReadId;
  await transaction(async (tx) => {
    const chat = await lockVisibleChat(tx, viewer, data.chatId);
    const [last] = await tx
      .select({ id: sql<number>`coalesce(max(${chatMessages.id}), 0)` })
      .from(chatMessages)
      .where(eq(chatMessages.chatId, chat.id));
    const upTo = Math.min(data.after, Number(last?.id ?? 0));
    const current = isStaff(viewer) ? chat.agentReadId : chat.customerReadId;
    if (upTo <= current) return;
    await tx
      .update(chats)
      .set({ [isStaff(viewer) ? 'agentReadId' : 'customerReadId']: upTo })
      .where(and(eq(chats.id, chat.id), sql`${column} < ${upTo}`));
    await announceChat(tx, {
      chatId: chat.id,
      status: chat.status,
      messageId: null,
      userId: chat.userId,
      customerId: chat.customerId,
      assigneeId: chat.assigneeId,
      offeredToId: chat.offeredToId,
    });
  });
}

/**
 * "Typing…" for the other side of the chat: a notice only, nothing stored. The browser sends it at
 * most every few seconds while its user types.
 */
export async function signalTyping({ ctx, input, visitorToken }: Who): Promise<void> {
  const viewer = chatViewer(ctx.actor, visitorToken);
  const { chatId } = parseInput(ChatRefInput, input);
  const db = await getDb();
  const [chat] = await db
    .select({ status: chats.status, assigneeId: chats.assigneeId })
    .from(chats)
    .where(and(eq(chats.id, chatId), chatAccessSql(viewer)));
  if (!chat) throw new NotFoundError('chat');
  if (chat.status !== 'active' && chat.status !== 'waiting') return;
  const staff = isStaff(viewer);
  // Staff type only into chats they hold.
  if (staff && chat.assigneeId !== viewer.actor.userId) return;
  const [me] = staff
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, viewer.actor.userId))
    : [undefined];
  await publish(db, { type: 'chat_typing', chatId, staff, name: me?.name ?? null });
}
