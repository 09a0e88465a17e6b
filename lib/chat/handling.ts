import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { chatMessages, chats, teams, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can, permissionsOf } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { announceChat } from './announce';
import { chatViewer, isStaff, lockVisibleChat, type ChatRow } from './policy';
import { agentLoads, lockChatSettings, offerChat, type ChatSettings } from './routing';
import { ChatRefInput, TransferChatInput } from './schemas';

/** System lines in the conversation, stored as codes the reader's language renders. */
export type ChatSystemLine = 'joined' | 'transferred' | 'ended' | 'left';

async function systemLine(tx: Tx, chatId: string, line: ChatSystemLine, authorId: string | null): Promise<number> {
  const [m] = await tx
    .insert(chatMessages)
    .values({ chatId, author: 'system', authorId, body: line })
    .returning({ id: chatMessages.id });
  return m!.id;
}

async function announce(tx: Tx, chat: ChatRow, change: Partial<ChatRow>, messageId: number | null) {
  const next = { ...chat, ...change };
  await announceChat(tx, {
    chatId: chat.id,
    status: next.status,
    messageId,
    userId: next.userId,
    customerId: next.customerId,
    assigneeId: next.assigneeId,
    offeredToId: next.offeredToId,
  });
}

/** Refuses a member whose chats fill their capacity (the chat being accepted, if offered to them, not counted). */
async function expectRoom(tx: Tx, settings: ChatSettings, userId: string, excludingOfferOf?: ChatRow) {
  const [me] = await agentLoads(tx, settings, { userIds: [userId] });
  if (!me) throw new ValidationError({ toUserId: ['not_found'] });
  const offeredHere = excludingOfferOf?.status === 'waiting' && excludingOfferOf.offeredToId === userId ? 1 : 0;
  if (me.load - offeredHere >= me.capacity) throw new ConflictError('over_capacity');
}

/**
 * An agent takes a waiting chat — the one offered to them or any other from the queue — unless
 * their chats already fill their capacity.
 */
export async function acceptChat({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'answer:chat:any');
  const { chatId } = parseInput(ChatRefInput, input);
  await transaction(async (tx) => {
    const settings = await lockChatSettings(tx);
    const chat = await lockVisibleChat(tx, chatViewer(actor), chatId);
    if (chat.status !== 'waiting') throw new ConflictError('not_waiting');
    await expectRoom(tx, settings, actor.userId, chat);
    const change = {
      status: 'active' as const,
      assigneeId: actor.userId,
      offeredToId: null,
      offeredAt: null,
    };
    await tx
      .update(chats)
      .set({ ...change, acceptedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${chats.version} + 1` })
      .where(eq(chats.id, chat.id));
    const line = await systemLine(tx, chat.id, 'joined', actor.userId);
    await recordAudit(tx, ctx, { action: 'chat.accepted', entityType: 'chat', entityId: chat.id });
    await announce(tx, chat, change, line);
  });
}

/** The agent a chat is offered to lets it pass: it goes to the next free member at once. */
export async function passChat({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'answer:chat:any');
  const { chatId } = parseInput(ChatRefInput, input);
  await transaction(async (tx) => {
    const settings = await lockChatSettings(tx);
    const chat = await lockVisibleChat(tx, chatViewer(actor), chatId);
    if (chat.status !== 'waiting' || chat.offeredToId !== actor.userId) throw new ConflictError('not_offered');
    const next = await reoffer(tx, settings, chat);
    await recordAudit(tx, ctx, { action: 'chat.passed', entityType: 'chat', entityId: chat.id, after: { next } });
  });
}

async function reoffer(tx: Tx, settings: ChatSettings, chat: ChatRow): Promise<string | null> {
  const passedBy = chat.offeredToId ? [...new Set([...chat.passedBy, chat.offeredToId])] : chat.passedBy;
  await tx.update(chats).set({ passedBy }).where(eq(chats.id, chat.id));
  const next = await offerChat(tx, settings, { ...chat, passedBy });
  await announce(tx, chat, { offeredToId: next }, null);
  return next;
}

/**
 * The clock of the offers (run by the job runner every few seconds on every instance): a chat
 * offered for longer than the offer time goes to the next member; a waiting chat offered to nobody
 * is offered again, since someone may have become free. SKIP LOCKED lets instances share the work.
 */
export async function reofferWaitingChats(ctx: Ctx): Promise<number> {
  // Most ticks find no chat waiting: answer that from the partial index, taking no lock.
  const [anyWaiting] = await (
    await getDb()
  )
    .select({ id: chats.id })
    .from(chats)
    .where(eq(chats.status, 'waiting'))
    .limit(1);
  if (!anyWaiting) return 0;
  return transaction(async (tx) => {
    const settings = await lockChatSettings(tx);
    const due = await tx
      .select()
      .from(chats)
      .where(
        and(
          eq(chats.status, 'waiting'),
          sql`(${chats.offeredToId} is null or ${chats.offeredAt} < now() - make_interval(secs => ${settings.offerSeconds}))`,
        ),
      )
      .orderBy(chats.createdAt)
      .limit(100)
      .for('update', { skipLocked: true });
    let moved = 0;
    for (const chat of due) {
      const next = await reoffer(tx, settings, chat);
      if (next !== chat.offeredToId) {
        moved++;
        await recordAudit(tx, ctx, {
          action: 'chat.reoffered',
          entityType: 'chat',
          entityId: chat.id,
          actorLabel: 'system',
          after: { from: chat.offeredToId, to: next },
        });
      }
    }
    return moved;
  });
}

/**
 * Hands an active chat to another agent (who must have room) or back to a team's queue. The agent
 * holding it or a supervisor may.
 */
export async function transferChat({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'answer:chat:any');
  const data = parseInput(TransferChatInput, input);
  await transaction(async (tx) => {
    const settings = await lockChatSettings(tx);
    const chat = await lockVisibleChat(tx, chatViewer(actor), data.chatId);
    if (chat.status !== 'active') throw new ConflictError('not_active');
    if (chat.assigneeId !== actor.userId && !can(actor, 'supervise:chat:any')) throw new NotFoundError('chat');
    let change: Partial<ChatRow>;
    if (data.toUserId) {
      const [target] = await tx
        .select({ id: users.id, role: users.role, active: users.active })
        .from(users)
        .where(eq(users.id, data.toUserId));
      if (!target || !target.active || !permissionsOf(target.role).has('answer:chat:any'))
        throw new ValidationError({ toUserId: ['not_found'] });
      if (target.id === chat.assigneeId) throw new ValidationError({ toUserId: ['same_agent'] });
      await expectRoom(tx, settings, target.id);
      change = { assigneeId: target.id };
      await tx
        .update(chats)
        .set({ assigneeId: target.id, updatedAt: sql`now()`, version: sql`${chats.version} + 1` })
        .where(eq(chats.id, chat.id));
    } else {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, data.toTeamId!));
      if (!team) throw new ValidationError({ toTeamId: ['not_found'] });
      change = { status: 'waiting', assigneeId: null, teamId: team.id, passedBy: [] };
      await tx
        .update(chats)
        .set({ ...change, updatedAt: sql`now()`, version: sql`${chats.version} + 1` })
        .where(eq(chats.id, chat.id));
      change.offeredToId = await offerChat(tx, settings, { id: chat.id, teamId: team.id, passedBy: [] });
    }
    const line = await systemLine(tx, chat.id, 'transferred', actor.userId);
    await recordAudit(tx, ctx, {
      action: 'chat.transferred',
      entityType: 'chat',
      entityId: chat.id,
      before: { assigneeId: chat.assigneeId, teamId: chat.teamId },
      after: { assigneeId: change.assigneeId ?? null, teamId: change.teamId ?? chat.teamId },
    });
    await announce(tx, chat, change, line);
  });
}

/**
 * Ends a chat: the customer (or visitor) leaving, the agent holding it, or a supervisor. A chat
 * the customer leaves before anyone accepted it counts as missed.
 */
export async function endChat({
  ctx,
  input,
  visitorToken,
}: {
  ctx: Ctx;
  input: unknown;
  visitorToken?: string | null;
}): Promise<{ status: 'ended' | 'missed' }> {
  const viewer = chatViewer(ctx.actor, visitorToken);
  const { chatId } = parseInput(ChatRefInput, input);
  return transaction(async (tx) => {
    const chat = await lockVisibleChat(tx, viewer, chatId);
    if (chat.status === 'ended' || chat.status === 'missed') throw new ConflictError('chat_ended');
    const staff = isStaff(viewer);
    if (staff && chat.assigneeId !== viewer.actor.userId && viewer.kind !== 'supervisor')
      throw new NotFoundError('chat');
    const status = !staff && chat.status === 'waiting' ? ('missed' as const) : ('ended' as const);
    const change = { status, offeredToId: null, offeredAt: null };
    await tx
      .update(chats)
      .set({ ...change, endedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${chats.version} + 1` })
      .where(eq(chats.id, chat.id));
    const line = await systemLine(tx, chat.id, staff ? 'ended' : 'left', ctx.actor?.userId ?? null);
    await recordAudit(tx, ctx, {
      action: 'chat.ended',
      entityType: 'chat',
      entityId: chat.id,
      actorLabel: ctx.actor ? undefined : 'visitor',
      after: { status },
    });
    await announce(tx, chat, change, line);
    return { status };
  });
}
