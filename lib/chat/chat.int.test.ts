import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caseMessages, cases, chatCapacities, chats, chatSettings, teamMembers, teams, users } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import {
  anonymousCtx,
  auditFor,
  createTestProduct,
  createTestUser,
  ctxFor,
  orderOfNewCustomer,
} from '@/test/factories';
import { acceptChat, endChat, passChat, reofferWaitingChats, transferChat } from './handling';
import { listChatMessages, markChatRead, sendChatMessage } from './messages';
import { startChat } from './start';
import { turnChatIntoCase } from './to-case';

/**
 * Live chat (#14) through the real verbs, on PGlite and PostgreSQL: routing by load and capacity,
 * the offer clock, transfer, resuming after a dropped connection, and who may see what. New chats
 * go to a team made for this file (chat_settings.team_id), so other files' agents never interfere.
 */

type Agent = { id: string; ctx: Ctx };
let team: string;
let otherTeam: string;
let a1: Agent, a2: Agent, a3: Agent, elsewhere: Agent;
let supervisor: Ctx;
let customer: Ctx;
let otherCustomer: Ctx;
let orderNo: string;
let sku: string;
let previousTeam: string | null = null;

async function agent(teamId: string, name: string): Promise<Agent> {
  const user = await createTestUser({ role: 'agent', name });
  await (await getDb()).insert(teamMembers).values({ teamId, userId: user.id });
  return { id: user.id, ctx: await ctxFor(user) };
}

async function chatRow(id: string) {
  const [row] = await (await getDb()).select().from(chats).where(eq(chats.id, id));
  return row!;
}

/** Ends every chat still open in the team, so each test starts with free agents. */
async function clearTeam() {
  await (
    await getDb()
  )
    .update(chats)
    .set({ status: 'ended', endedAt: new Date(), offeredToId: null })
    .where(sql`${chats.teamId} in (${team}, ${otherTeam}) and ${chats.status} in ('waiting', 'active')`);
}

beforeAll(async () => {
  const db = await getDb();
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const [t1, t2] = await db
    .insert(teams)
    .values([{ name: `Chat A ${stamp}` }, { name: `Chat B ${stamp}` }])
    .returning({ id: teams.id });
  team = t1!.id;
  otherTeam = t2!.id;
  a1 = await agent(team, 'Chat Agent One');
  a2 = await agent(team, 'Chat Agent Two');
  a3 = await agent(team, 'Chat Agent Three');
  elsewhere = await agent(otherTeam, 'Chat Agent Elsewhere');
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  const staff = await ctxFor(await createTestUser({ role: 'agent' }));
  const product = await createTestProduct();
  sku = product.sku;
  ({ orderNo, customer } = await orderOfNewCustomer(staff, product.sku));
  ({ customer: otherCustomer } = await orderOfNewCustomer(staff, product.sku));
  await db.insert(chatSettings).values({ id: 1 }).onConflictDoNothing();
  const [s] = await db.select({ teamId: chatSettings.teamId }).from(chatSettings);
  previousTeam = s?.teamId ?? null;
  await db.update(chatSettings).set({ teamId: team, defaultCapacity: 2 }).where(eq(chatSettings.id, 1));
});

afterAll(async () => {
  await clearTeam();
  await (
    await getDb()
  )
    .update(chatSettings)
    .set({ teamId: previousTeam, defaultCapacity: 3 })
    .where(eq(chatSettings.id, 1));
});

describe('routing and capacity', () => {
  it('offers each new chat to the least-loaded available member, skipping away agents', async () => {
    await clearTeam();
    const db = await getDb();
    await db.update(users).set({ available: false }).where(eq(users.id, a3.id));
    try {
      const first = await startChat({ ctx: customer, input: { orderNo, body: '我的订单还没到' } });
      const second = await startChat({ ctx: customer, input: { body: '还有一个问题' } });
      const offered = [first.offeredTo, second.offeredTo];
      // Two free members, one chat each; the away agent gets none.
      expect(new Set(offered)).toEqual(new Set([a1.id, a2.id]));
      expect((await chatRow(first.chatId)).orderId).not.toBeNull();
      expect(await auditFor(first.chatId)).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'chat.started' })]),
      );
    } finally {
      await db.update(users).set({ available: true }).where(eq(users.id, a3.id));
    }
  });

  it('refuses an agent over capacity, per agent over the team default', async () => {
    await clearTeam();
    const db = await getDb();
    await db.insert(chatCapacities).values({ userId: a1.id, capacity: 1 });
    await db
      .update(users)
      .set({ available: false })
      .where(sql`${users.id} in (${a2.id}, ${a3.id})`);
    try {
      const c1 = await startChat({ ctx: customer, input: { body: 'one' } });
      expect(c1.offeredTo).toBe(a1.id);
      await acceptChat({ ctx: a1.ctx, input: { chatId: c1.chatId } });
      // a1 is full and everyone else away: the next chat waits, offered to nobody.
      const c2 = await startChat({ ctx: customer, input: { body: 'two' } });
      expect(c2.offeredTo).toBeNull();
      await expect(acceptChat({ ctx: a1.ctx, input: { chatId: c2.chatId } })).rejects.toThrow(
        new ConflictError('over_capacity'),
      );
      // Nothing of the refused accept was stored.
      expect((await chatRow(c2.chatId)).status).toBe('waiting');
      // Someone comes back: the offer clock finds them.
      await db.update(users).set({ available: true }).where(eq(users.id, a2.id));
      await reofferWaitingChats(anonymousCtx());
      expect((await chatRow(c2.chatId)).offeredToId).toBe(a2.id);
    } finally {
      await db.delete(chatCapacities).where(eq(chatCapacities.userId, a1.id));
      await db
        .update(users)
        .set({ available: true })
        .where(sql`${users.id} in (${a2.id}, ${a3.id})`);
    }
  });

  it('re-offers a chat not accepted in time to the next member, and on a pass at once', async () => {
    await clearTeam();
    const db = await getDb();
    const c = await startChat({ ctx: customer, input: { body: 'anyone?' } });
    const firstOffer = c.offeredTo!;
    // The offer time passes.
    await db
      .update(chats)
      .set({ offeredAt: sql`now() - interval '10 minutes'` })
      .where(eq(chats.id, c.chatId));
    expect(await reofferWaitingChats(anonymousCtx())).toBeGreaterThanOrEqual(1);
    const second = (await chatRow(c.chatId)).offeredToId!;
    expect(second).not.toBe(firstOffer);
    expect((await chatRow(c.chatId)).passedBy).toContain(firstOffer);

    const secondCtx = [a1, a2, a3].find((a) => a.id === second)!.ctx;
    await passChat({ ctx: secondCtx, input: { chatId: c.chatId } });
    const third = (await chatRow(c.chatId)).offeredToId;
    expect(third).not.toBeNull();
    expect([firstOffer, second]).not.toContain(third);
    // Only the member it is offered to can let it pass.
    await expect(passChat({ ctx: secondCtx, input: { chatId: c.chatId } })).rejects.toThrow(ConflictError);
  });
});

describe('the conversation', () => {
  it('resumes after a dropped connection with exactly the messages missed, a retry stored once', async () => {
    await clearTeam();
    const c = await startChat({ ctx: customer, input: { orderNo, body: 'hello' } });
    await acceptChat({ ctx: a1.ctx, input: { chatId: c.chatId } });
    const seen = await listChatMessages({ ctx: customer, input: { chatId: c.chatId } });
    const lastSeen = seen.messages.at(-1)!.id;
    // While the customer is offline: a reply, a note, and a retried send of the customer's own.
    await sendChatMessage({ ctx: a1.ctx, input: { chatId: c.chatId, body: '您好，我来看看' } });
    await sendChatMessage({ ctx: a1.ctx, input: { chatId: c.chatId, body: 'VIP customer', internal: true } });
    const sent = await sendChatMessage({
      ctx: customer,
      input: { chatId: c.chatId, body: '谢谢', clientId: 'msg-0001-abc' },
    });
    const again = await sendChatMessage({
      ctx: customer,
      input: { chatId: c.chatId, body: '谢谢', clientId: 'msg-0001-abc' },
    });
    expect(again).toEqual({ id: sent.id, duplicate: true });

    const missed = await listChatMessages({ ctx: customer, input: { chatId: c.chatId, after: lastSeen } });
    expect(missed.messages.map((m) => m.body)).toEqual(['您好，我来看看', '谢谢']);
    expect(missed.messages[0]!.authorName).toBe('Chat Agent One');
    // The agent sees the note too; the customer never does.
    const agentView = await listChatMessages({ ctx: a1.ctx, input: { chatId: c.chatId, after: lastSeen } });
    expect(agentView.messages.map((m) => m.body)).toEqual(['您好，我来看看', 'VIP customer', '谢谢']);
    expect((await chatRow(c.chatId)).firstAnswerAt).not.toBeNull();

    await markChatRead({ ctx: a1.ctx, input: { chatId: c.chatId, after: sent.id } });
    expect((await listChatMessages({ ctx: customer, input: { chatId: c.chatId } })).otherReadId).toBe(sent.id);
  });

  it('refuses empty, over-long and misplaced messages, storing nothing', async () => {
    await clearTeam();
    const c = await startChat({ ctx: customer, input: {} });
    await expect(sendChatMessage({ ctx: customer, input: { chatId: c.chatId, body: '   ' } })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      sendChatMessage({ ctx: customer, input: { chatId: c.chatId, body: 'x'.repeat(5001) } }),
    ).rejects.toThrow(ValidationError);
    await expect(
      sendChatMessage({ ctx: customer, input: { chatId: c.chatId, body: 'note', internal: true } }),
    ).rejects.toThrow(ValidationError);
    // An agent who has not taken the chat cannot answer in it.
    await expect(sendChatMessage({ ctx: a2.ctx, input: { chatId: c.chatId, body: 'hi' } })).rejects.toThrow(
      new ConflictError('not_your_chat'),
    );
    expect((await listChatMessages({ ctx: supervisor, input: { chatId: c.chatId } })).messages).toEqual([]);
  });

  it('transfers to an agent with room, or back to a team queue; ends as missed if nobody answered', async () => {
    await clearTeam();
    const c = await startChat({ ctx: customer, input: { body: 'transfer me' } });
    await acceptChat({ ctx: a1.ctx, input: { chatId: c.chatId } });
    await transferChat({ ctx: a1.ctx, input: { chatId: c.chatId, toUserId: a2.id } });
    expect((await chatRow(c.chatId)).assigneeId).toBe(a2.id);
    // a1 no longer holds it: not theirs to answer, transfer or end.
    await expect(sendChatMessage({ ctx: a1.ctx, input: { chatId: c.chatId, body: 'x' } })).rejects.toThrow(
      NotFoundError,
    );
    await transferChat({ ctx: a2.ctx, input: { chatId: c.chatId, toTeamId: otherTeam } });
    const row = await chatRow(c.chatId);
    expect(row).toMatchObject({ status: 'waiting', teamId: otherTeam, assigneeId: null, offeredToId: elsewhere.id });
    await acceptChat({ ctx: elsewhere.ctx, input: { chatId: c.chatId } });
    expect(await endChat({ ctx: elsewhere.ctx, input: { chatId: c.chatId } })).toEqual({ status: 'ended' });
    await expect(sendChatMessage({ ctx: customer, input: { chatId: c.chatId, body: 'x' } })).rejects.toThrow(
      new ConflictError('chat_ended'),
    );

    const unanswered = await startChat({ ctx: customer, input: { body: 'gone' } });
    expect(await endChat({ ctx: customer, input: { chatId: unanswered.chatId } })).toEqual({ status: 'missed' });
  });
});

describe('a chat turned into a case', () => {
  it('opens the case on the customer’s order with the transcript, linked both ways, once', async () => {
    await clearTeam();
    const c = await startChat({ ctx: customer, input: { orderNo, body: '收到的杯子是坏的，想退货' } });
    await acceptChat({ ctx: a1.ctx, input: { chatId: c.chatId } });
    await sendChatMessage({ ctx: a1.ctx, input: { chatId: c.chatId, body: '抱歉，我帮您办理退货' } });
    const input = {
      chatId: c.chatId,
      orderNo,
      type: 'return_refund',
      reason: 'damaged_in_transit',
      description: '杯子破损',
      items: [{ sku, quantity: 1 }],
    };
    // Not the customer's order, not the agent's chat, not a customer: refused, nothing opened.
    const { orderNo: foreign } = await orderOfNewCustomer(a1.ctx, (await createTestProduct()).sku);
    await expect(turnChatIntoCase({ ctx: a1.ctx, input: { ...input, orderNo: foreign } })).rejects.toThrow(
      ValidationError,
    );
    await expect(turnChatIntoCase({ ctx: a2.ctx, input })).rejects.toThrow(NotFoundError);
    await expect(turnChatIntoCase({ ctx: customer, input })).rejects.toThrow(ForbiddenError);

    const { caseNo } = await turnChatIntoCase({ ctx: a1.ctx, input });
    const db = await getDb();
    const [opened] = await db.select({ id: cases.id, type: cases.type }).from(cases).where(eq(cases.caseNo, caseNo));
    expect(opened!.type).toBe('return_refund');
    expect((await chatRow(c.chatId)).caseId).toBe(opened!.id);
    const [note] = await db.select().from(caseMessages).where(eq(caseMessages.caseId, opened!.id));
    expect(note).toMatchObject({ internal: true, authorId: a1.id });
    expect(note!.body).toContain('收到的杯子是坏的，想退货');
    expect(note!.body).toContain('抱歉，我帮您办理退货');
    // The customer's side of the chat says so.
    const page = await listChatMessages({ ctx: customer, input: { chatId: c.chatId } });
    expect(page.messages.at(-1)).toMatchObject({ author: 'system', body: `case:${caseNo}` });
    await expect(turnChatIntoCase({ ctx: a1.ctx, input })).rejects.toThrow(new ConflictError('already_case'));
  });
});

describe('who may see a chat', () => {
  it('keeps chats from another customer, a visitor without the token and the anonymous', async () => {
    await clearTeam();
    const mine = await startChat({ ctx: customer, input: { body: 'private' } });
    await expect(listChatMessages({ ctx: otherCustomer, input: { chatId: mine.chatId } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(sendChatMessage({ ctx: otherCustomer, input: { chatId: mine.chatId, body: 'hi' } })).rejects.toThrow(
      NotFoundError,
    );
    await expect(listChatMessages({ ctx: anonymousCtx(), input: { chatId: mine.chatId } })).rejects.toThrow(
      UnauthenticatedError,
    );
    await expect(
      listChatMessages({ ctx: anonymousCtx(), input: { chatId: mine.chatId }, visitorToken: 'guess' }),
    ).rejects.toThrow(NotFoundError);
    // Another customer's order cannot be the subject of a chat.
    await expect(startChat({ ctx: otherCustomer, input: { orderNo } })).rejects.toThrow(ValidationError);
  });

  it('lets a signed-in customer with no orders yet chat, and keeps the chat theirs', async () => {
    await clearTeam();
    const newcomer = await ctxFor(await createTestUser({ role: 'customer' }));
    const c = await startChat({ ctx: newcomer, input: { body: '还没下单，想问问' } });
    await sendChatMessage({ ctx: newcomer, input: { chatId: c.chatId, body: '在吗' } });
    expect((await listChatMessages({ ctx: newcomer, input: { chatId: c.chatId } })).messages).toHaveLength(2);
    await expect(listChatMessages({ ctx: customer, input: { chatId: c.chatId } })).rejects.toThrow(NotFoundError);
  });

  it('lets a visitor into their own chat by its token only', async () => {
    await clearTeam();
    await expect(startChat({ ctx: anonymousCtx(), input: { name: '', email: 'x' } })).rejects.toThrow(ValidationError);
    const v = await startChat({
      ctx: anonymousCtx(),
      input: { name: '王女士', email: 'Wang@Example.com', body: '你好' },
    });
    expect(v.visitorToken).toBeTruthy();
    expect((await chatRow(v.chatId)).visitorEmail).toBe('wang@example.com');
    const ctx = anonymousCtx();
    await sendChatMessage({ ctx, input: { chatId: v.chatId, body: '在吗' }, visitorToken: v.visitorToken });
    const page = await listChatMessages({ ctx, input: { chatId: v.chatId }, visitorToken: v.visitorToken });
    expect(page.messages.map((m) => m.body)).toEqual(['你好', '在吗']);
    const other = await startChat({ ctx: anonymousCtx(), input: { name: 'B', email: 'b@example.com' } });
    await expect(
      listChatMessages({ ctx, input: { chatId: v.chatId }, visitorToken: other.visitorToken }),
    ).rejects.toThrow(NotFoundError);
  });

  it('lets an agent see the queue and their chats, not another agent’s; staff cannot start chats', async () => {
    await clearTeam();
    const c = await startChat({ ctx: customer, input: { body: 'queue' } });
    await listChatMessages({ ctx: a2.ctx, input: { chatId: c.chatId } }); // waiting: in the queue
    await acceptChat({ ctx: a1.ctx, input: { chatId: c.chatId } });
    await expect(listChatMessages({ ctx: a2.ctx, input: { chatId: c.chatId } })).rejects.toThrow(NotFoundError);
    await expect(transferChat({ ctx: a2.ctx, input: { chatId: c.chatId, toUserId: a2.id } })).rejects.toThrow(
      NotFoundError,
    );
    // A supervisor sees every chat and may move it.
    await listChatMessages({ ctx: supervisor, input: { chatId: c.chatId } });
    await transferChat({ ctx: supervisor, input: { chatId: c.chatId, toUserId: a3.id } });
    expect((await chatRow(c.chatId)).assigneeId).toBe(a3.id);
    await expect(startChat({ ctx: a1.ctx, input: { body: 'me?' } })).rejects.toThrow(ForbiddenError);
  });
});
