import { beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '@/lib/context';
import { createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { applyCaseAction, createCase } from './mutations';
import { getCase } from './queries';

let agent: Ctx;
let agentEmail: string;
let sku: string;

beforeAll(async () => {
  const user = await createTestUser({ role: 'agent', name: '李客服' });
  agentEmail = user.email;
  agent = await ctxFor(user);
  sku = (await createTestProduct()).sku;
});

describe('case timeline', () => {
  it('names who took each step for staff, and shows the customer "you" or "customer service" only', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: { orderNo, type: 'complaint', reason: 'other', description: '快递员态度差' },
    });
    const { version } = await getCase({ ctx: agent, input: { caseNo } });
    await applyCaseAction({ ctx: agent, input: { caseNo, version, action: 'await_customer', note: '请提供收货地址' } });

    const staffView = await getCase({ ctx: agent, input: { caseNo } });
    // By kind: routing rules other tests set up on a shared database may add an assignment step.
    const asked = staffView.events.find((e) => e.kind === 'await_customer');
    const created = staffView.events.find((e) => e.kind === 'created');
    expect(asked).toMatchObject({ kind: 'await_customer', actorLabel: '李客服', actorKind: 'staff', public: true });
    expect(created).toMatchObject({ kind: 'created', actorKind: 'customer' });
    expect(JSON.stringify(staffView.events)).not.toContain(agentEmail);

    const customerView = await getCase({ ctx: customer, input: { caseNo } });
    expect(customerView.events.map((e) => [e.kind, e.actorKind, e.actorLabel, e.note])).toEqual([
      ['await_customer', 'staff', '', '请提供收货地址'],
      ['created', 'customer', '', null],
    ]);
  });

  it("keeps staff-only steps (automatic assignment, a policy override's reason) out of the customer's view", async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: agent,
      input: {
        orderNo,
        type: 'return_refund',
        reason: 'no_reason',
        description: '客户电话申请',
        items: [{ sku, quantity: 1 }],
        overrideReason: '老客户，破例处理',
      },
    });
    const staffView = await getCase({ ctx: agent, input: { caseNo } });
    const hidden = staffView.events.filter((e) => !e.public);
    const customerView = await getCase({ ctx: customer, input: { caseNo } });
    expect(customerView.events.filter((e) => !e.public)).toEqual([]);
    expect(customerView.events).toHaveLength(staffView.events.length - hidden.length);
    expect(JSON.stringify(customerView.events)).not.toContain('老客户');
  });
});
