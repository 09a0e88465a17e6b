import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, getDbHandle } from '@/db/client';
import { customers, orders, users } from '@/db/schema';
import { endSession } from '@/lib/auth/mutations';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { claimOrder } from '@/lib/orders/portal';
import { changeUserRole, setUserActive } from '@/lib/users/mutations';
import {
  anonymousCtx,
  createTestProduct,
  createTestUser,
  ctxFor,
  orderInput,
  orderOfNewCustomer,
} from '@/test/factories';
import { openEventAudience } from './audience';
import { REALTIME_CHANNEL, type RealtimeEvent } from './events';

let agent: Ctx;
let admin: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  sku = (await createTestProduct()).sku;
});

const orderEvent = (customerId: string): RealtimeEvent => ({
  type: 'order',
  orderNo: 'SO1',
  status: 'paid',
  version: 2,
  customerId,
});
const caseEvent = (customerId: string): RealtimeEvent => ({
  type: 'case',
  caseNo: 'AS-20260101-0001',
  orderNo: 'SO1',
  status: 'approved',
  version: 3,
  customerId,
});

/** Runs `step` while listening on the realtime channel; resolves once `expected` was published. */
async function publishes(expected: RealtimeEvent, step: () => Promise<unknown>) {
  const heard: RealtimeEvent[] = [];
  const unlisten = await (await getDbHandle()).listen(REALTIME_CHANNEL, (p) => heard.push(JSON.parse(p)));
  try {
    await step();
    await vi.waitFor(() => expect(heard).toContainEqual(expected), { timeout: 5_000 });
  } finally {
    await unlisten();
  }
}

describe('openEventAudience', () => {
  it('refuses an anonymous caller and a tab left from another sign-in', async () => {
    await expect(openEventAudience({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    const someoneElse = await createTestUser({ role: 'agent' });
    await expect(openEventAudience({ ctx: agent, input: { userId: someoneElse.id } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const audience = await openEventAudience({ ctx: agent, input: { userId: agent.actor!.userId } });
    expect(audience.userId).toBe(agent.actor!.userId);
  });

  it('gives staff every order and case, but only their own notifications, and never an access event', async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const audience = await openEventAudience({ ctx: agent, input: {} });
    expect(audience.admit(orderEvent(a.customerId))).toEqual({
      type: 'order',
      topics: ['orders', 'order:SO1'],
      status: 'paid',
      version: 2,
    });
    expect(audience.admit(caseEvent(a.customerId))).toMatchObject({
      type: 'case',
      topics: ['cases', 'case:AS-20260101-0001', 'order:SO1'],
    });
    expect(audience.admit({ type: 'notification', userId: agent.actor!.userId })).toEqual({
      type: 'notification',
      topics: ['notifications'],
    });
    expect(audience.admit({ type: 'notification', userId: admin.actor!.userId })).toBeNull();
    expect(audience.admit({ type: 'access', userId: agent.actor!.userId })).toBeNull();
    expect(audience.affects({ type: 'access', userId: agent.actor!.userId })).toBe(true);
    expect(audience.affects({ type: 'access', userId: admin.actor!.userId })).toBe(false);
  });

  it('gives an admin (no desk) only their own bell', async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const audience = await openEventAudience({ ctx: admin, input: {} });
    expect(audience.admit(orderEvent(a.customerId))).toBeNull();
    expect(audience.admit(caseEvent(a.customerId))).toBeNull();
    expect(audience.admit({ type: 'notification', userId: admin.actor!.userId })).not.toBeNull();
  });

  it('never gives a customer another customer’s orders, cases or notifications', async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const b = await orderOfNewCustomer(agent, sku);
    const audience = await openEventAudience({ ctx: a.customer, input: { userId: a.user.id } });
    expect(audience.admit(orderEvent(a.customerId))).not.toBeNull();
    expect(audience.admit(caseEvent(a.customerId))).not.toBeNull();
    expect(audience.admit({ type: 'notification', userId: a.user.id })).not.toBeNull();
    expect(audience.admit(orderEvent(b.customerId))).toBeNull();
    expect(audience.admit(caseEvent(b.customerId))).toBeNull();
    expect(audience.admit({ type: 'notification', userId: b.user.id })).toBeNull();
  });

  it('hears of a claimed order’s customer record once the claim announces the access change', async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const input = orderInput(sku);
    const { orderNo } = await createOrder({ ctx: agent, input });
    const db = await getDb();
    const [o] = await db.select({ customerId: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
    const audience = await openEventAudience({ ctx: a.customer, input: {} });
    expect(audience.admit(orderEvent(o!.customerId))).toBeNull();

    await publishes({ type: 'access', userId: a.user.id }, () =>
      claimOrder({ ctx: a.customer, input: { orderNo, contact: input.customer.phone } }),
    );
    expect(await audience.recheck()).toBe(true);
    expect(audience.admit(orderEvent(o!.customerId))).not.toBeNull();
    // Still only theirs.
    const [linked] = await db
      .select({ userId: customers.userId })
      .from(customers)
      .where(eq(customers.id, o!.customerId));
    expect(linked!.userId).toBe(a.user.id);
  });

  it('ends the stream on sign-out, on a role change and on deactivation, each announced at once', async () => {
    const signedOut = await orderOfNewCustomer(agent, sku);
    const audience = await openEventAudience({ ctx: signedOut.customer, input: {} });
    expect(await audience.recheck()).toBe(true);
    await publishes({ type: 'access', userId: signedOut.user.id }, () => endSession({ ctx: signedOut.customer }));
    expect(await audience.recheck()).toBe(false);

    const db = await getDb();
    const promoted = await createTestUser({ role: 'agent' });
    const promotedAudience = await openEventAudience({ ctx: await ctxFor(promoted), input: {} });
    await publishes({ type: 'access', userId: promoted.id }, () =>
      changeUserRole({ ctx: admin, input: { userId: promoted.id, role: 'supervisor', version: promoted.version } }),
    );
    expect(await promotedAudience.recheck()).toBe(false);

    const leaver = await createTestUser({ role: 'agent' });
    const leaverAudience = await openEventAudience({ ctx: await ctxFor(leaver), input: {} });
    await publishes({ type: 'access', userId: leaver.id }, () =>
      setUserActive({ ctx: admin, input: { userId: leaver.id, active: false, version: leaver.version } }),
    );
    expect(await leaverAudience.recheck()).toBe(false);
    const [row] = await db.select({ active: users.active }).from(users).where(eq(users.id, leaver.id));
    expect(row!.active).toBe(false);
  });
});

describe('chats on the shared stream', () => {
  const chatId = '00000000-0000-4000-8000-000000000001';
  const chatEvent = (over: Partial<Extract<RealtimeEvent, { type: 'chat' }>>): RealtimeEvent => ({
    type: 'chat',
    chatId,
    status: 'active',
    messageId: 7,
    userId: null,
    customerId: null,
    assigneeId: null,
    offeredToId: null,
    ...over,
  });

  it('tells agents of the queue and their own chats, supervisors of all, customers of theirs', async () => {
    const staff = await createTestUser({ role: 'agent' });
    const audience = await openEventAudience({ ctx: await ctxFor(staff), input: {} });
    expect(audience.admit(chatEvent({ status: 'waiting' }))).toMatchObject({ type: 'chat', status: 'waiting' });
    expect(audience.admit(chatEvent({ assigneeId: staff.id }))).not.toBeNull();
    expect(audience.admit(chatEvent({ status: 'waiting', offeredToId: staff.id }))).not.toBeNull();
    // Another agent's conversation is not theirs to hear.
    expect(audience.admit(chatEvent({ assigneeId: agent.actor!.userId }))).toBeNull();

    const supervisor = await openEventAudience({
      ctx: await ctxFor(await createTestUser({ role: 'supervisor' })),
      input: {},
    });
    expect(supervisor.admit(chatEvent({ assigneeId: agent.actor!.userId }))).not.toBeNull();

    const { customer, customerId } = await orderOfNewCustomer(agent, sku);
    const mine = await openEventAudience({ ctx: customer, input: {} });
    const event = chatEvent({ customerId, assigneeId: staff.id });
    expect(mine.admit(event)).toEqual({
      type: 'chat',
      topics: ['chats', `chat:${chatId}`],
      status: 'active',
    });
    expect(mine.admit(chatEvent({ customerId: '00000000-0000-4000-8000-0000000000ff' }))).toBeNull();
    expect(mine.admit(chatEvent({}))).toBeNull();
    // A chat they started before they had a customer record is theirs by account.
    expect(mine.admit(chatEvent({ userId: customer.actor!.userId }))).not.toBeNull();
  });
});
