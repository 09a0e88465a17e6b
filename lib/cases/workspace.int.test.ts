import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, orders } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { addCaseMessage, assignCase, updateCaseFlags } from './conversation';
import { applyCaseAction, createCase } from './mutations';
import { countQueues, getCase, listCases, listOrderCases } from './queries';

let agent: Ctx;
let agentId: string;
let sku: string;

beforeAll(async () => {
  const user = await createTestUser({ role: 'agent' });
  agentId = user.id;
  agent = await ctxFor(user);
  sku = (await createTestProduct()).sku;
});

async function complaintOfNewCustomer() {
  const user = await createTestUser({ role: 'customer' });
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(sku, { status: 'delivered', trackingNo: 'SF9' }),
  });
  const db = await getDb();
  const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
  await db.update(customers).set({ userId: user.id }).where(eq(customers.id, o!.c));
  const customer = await ctxFor(user);
  const { caseNo } = await createCase({
    ctx: customer,
    input: { orderNo, type: 'complaint', reason: 'other', description: '快递员态度差' },
  });
  return { orderNo, caseNo, customer };
}

describe('case workspace', () => {
  it('assigns, queues and counts cases', async () => {
    const { caseNo } = await complaintOfNewCustomer();
    // Teams may route complaints to an agent automatically (the demo seed does); start unassigned.
    await assignCase({ ctx: agent, input: { caseNo, assigneeId: null } });
    const before = await countQueues({ ctx: agent });
    expect(
      (await listCases({ ctx: agent, input: { queue: 'unassigned', q: caseNo } })).items.map((c) => c.caseNo),
    ).toEqual([caseNo]);
    await assignCase({ ctx: agent, input: { caseNo, assigneeId: agentId } });
    const mine = await listCases({ ctx: agent, input: { queue: 'mine' } });
    expect(mine.items.map((c) => c.caseNo)).toContain(caseNo);
    expect(mine.items.find((c) => c.caseNo === caseNo)).toMatchObject({
      type: 'complaint',
      status: 'open',
      priority: 'high',
      dueAt: expect.any(String),
    });
    const after = await countQueues({ ctx: agent });
    expect(after.mine).toBe(before.mine + 1);
    // Global queues such as 'unassigned' are not compared as totals: other test files share the database.
    expect((await listCases({ ctx: agent, input: { queue: 'unassigned', q: caseNo } })).items).toEqual([]);
    const customerUser = await createTestUser({ role: 'customer' });
    await expect(assignCase({ ctx: agent, input: { caseNo, assigneeId: customerUser.id } })).rejects.toMatchObject({
      fieldErrors: { assigneeId: ['invalid_assignee'] },
    });
    await updateCaseFlags({ ctx: agent, input: { caseNos: [caseNo], priority: 'urgent', escalated: true } });
    expect(await getCase({ ctx: agent, input: { caseNo } })).toMatchObject({
      priority: 'urgent',
      escalated: true,
      assignee: { id: agentId },
    });
    // The timeline names whom the assignment (the newest) went to.
    const assignments = (await getCase({ ctx: agent, input: { caseNo } })).events.filter((e) => e.kind === 'assigned');
    expect(assignments[0]!.note).toBe(agent.actor!.name);
  });

  it('keeps internal notes from the customer and moves the conversation with replies', async () => {
    const { caseNo, orderNo, customer } = await complaintOfNewCustomer();
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '已联系快递公司', internal: true } });
    expect((await getCase({ ctx: agent, input: { caseNo } })).respondedAt).toBeNull();
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '您好,我们正在核实' } });
    const v = (await getCase({ ctx: agent, input: { caseNo } })).version;
    await applyCaseAction({ ctx: agent, input: { caseNo, version: v, action: 'await_customer' } });
    expect((await addCaseMessage({ ctx: customer, input: { caseNo, body: '好的,谢谢' } })).status).toBe('open');

    const forCustomer = await getCase({ ctx: customer, input: { caseNo } });
    expect(forCustomer.messages.map((m) => m.body)).toEqual(['您好,我们正在核实', '好的,谢谢']);
    expect(forCustomer.actions).toEqual(['cancel']);
    const forAgent = await getCase({ ctx: agent, input: { caseNo } });
    expect(forAgent.messages).toHaveLength(3);
    expect(forAgent.respondedAt).not.toBeNull();
    expect(forAgent.actions).toEqual(['cancel', 'await_customer', 'resolve']);
    await expect(addCaseMessage({ ctx: customer, input: { caseNo, body: 'x', internal: true } })).rejects.toMatchObject(
      { fieldErrors: { internal: ['invalid'] } },
    );

    // Resolved, then the customer writes again: it reopens.
    await applyCaseAction({ ctx: agent, input: { caseNo, version: forAgent.version, action: 'resolve' } });
    expect((await addCaseMessage({ ctx: customer, input: { caseNo, body: '还是没解决' } })).status).toBe('open');
    expect((await listOrderCases({ ctx: customer, input: { orderNo } })).map((c) => c.caseNo)).toEqual([caseNo]);
  });

  it('shows a customer only their own cases; staff-only verbs are refused to customers', async () => {
    const { caseNo, customer } = await complaintOfNewCustomer();
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(getCase({ ctx: stranger, input: { caseNo } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addCaseMessage({ ctx: stranger, input: { caseNo, body: 'hi' } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await listCases({ ctx: stranger, input: {} })).items).toEqual([]);
    expect((await listCases({ ctx: customer, input: {} })).items.map((c) => c.caseNo)).toEqual([caseNo]);
    await expect(assignCase({ ctx: customer, input: { caseNo, assigneeId: null } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      updateCaseFlags({ ctx: customer, input: { caseNos: [caseNo], priority: 'low' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCase({ ctx: anonymousCtx(), input: { caseNo } })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
