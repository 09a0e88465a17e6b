import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, orders } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { listOpenCasesForHome } from './customer-home';
import { applyCaseAction, createCase } from './mutations';
import { getCase } from './queries';
import type { CaseAction } from './workflow';

let agent: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  sku = (await createTestProduct()).sku;
});

/** A signed-in customer owning a delivered order. */
async function customerWithOrder() {
  const user = await createTestUser({ role: 'customer' });
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(sku, { status: 'delivered', trackingNo: 'SF1' }),
  });
  const db = await getDb();
  const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
  await db.update(customers).set({ userId: user.id }).where(eq(customers.id, o!.c));
  return { customer: await ctxFor(user), orderNo };
}

async function inquiry(customer: Ctx, orderNo: string, description: string) {
  return (await createCase({ ctx: customer, input: { orderNo, type: 'inquiry', reason: 'other', description } }))
    .caseNo;
}

async function act(ctx: Ctx, caseNo: string, action: CaseAction) {
  const { version } = await getCase({ ctx, input: { caseNo } });
  await applyCaseAction({ ctx, input: { caseNo, version, action } });
}

describe('portal home: my open after-sales requests', () => {
  it('lists the open requests, those waiting for the customer first, and leaves out finished ones', async () => {
    const { customer, orderNo } = await customerWithOrder();
    const waiting = await inquiry(customer, orderNo, '发票怎么开');
    const open = await inquiry(customer, orderNo, '什么时候发货');
    const done = await inquiry(customer, orderNo, '能改地址吗');
    const cancelled = await inquiry(customer, orderNo, '不需要了');
    await act(agent, waiting, 'await_customer');
    await act(agent, done, 'resolve');
    await act(customer, cancelled, 'cancel');

    const home = await listOpenCasesForHome({ ctx: customer });
    expect(home.items.map((c) => [c.caseNo, c.status, c.waitingForCustomer])).toEqual([
      [waiting, 'pending_customer', true],
      [open, 'open', false],
    ]);
    expect(home.more).toBe(false);
    expect(home.items[0]!.orderNo).toBe(orderNo);
  });

  it('says when there are more than the card shows', async () => {
    const { customer, orderNo } = await customerWithOrder();
    for (let i = 0; i < 6; i++) await inquiry(customer, orderNo, `问题 ${i}`);
    const home = await listOpenCasesForHome({ ctx: customer });
    expect(home.items).toHaveLength(5);
    expect(home.more).toBe(true);
  });

  it("never shows another customer's requests, and refuses staff and anonymous callers", async () => {
    const a = await customerWithOrder();
    await inquiry(a.customer, a.orderNo, '别人的问题');
    const b = await customerWithOrder();
    expect((await listOpenCasesForHome({ ctx: b.customer })).items).toEqual([]);
    await expect(listOpenCasesForHome({ ctx: agent })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listOpenCasesForHome({ ctx: anonymousCtx() })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
