import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, customers, orderItems, orders, products } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { AppError, ConflictError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { createOrder, deleteOrder, purgeOrder } from '@/lib/orders/mutations';
import { getOrder } from '@/lib/orders/queries';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { applyCaseAction, createCase } from './mutations';

let agent: Ctx;
let supervisor: Ctx;
let admin: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  sku = (await createTestProduct({ priceCents: 10_000 })).sku;
});

/** A delivered order (2 × 100.00, shipping 10.00, discount 5.00 → 205.00) owned by a new portal customer. */
async function deliveredOrderOfNewCustomer(status: 'delivered' | 'paid' = 'delivered') {
  const user = await createTestUser({ role: 'customer' });
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(sku, { status, trackingNo: 'SF1', carrier: '顺丰速运' }),
  });
  const db = await getDb();
  const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
  await db.update(customers).set({ userId: user.id }).where(eq(customers.id, o!.c));
  return { orderNo, customer: await ctxFor(user) };
}

const returnRequest = (orderNo: string, quantity = 1) => ({
  orderNo,
  type: 'return_refund',
  reason: 'no_reason',
  description: '尺码不合适',
  items: [{ sku, quantity }],
});

async function caseVersion(caseNo: string) {
  const db = await getDb();
  const [c] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
  return c!;
}

describe('createCase', () => {
  it('lets a customer open a return on their delivered order, with SLA clocks and priority', async () => {
    const { orderNo, customer } = await deliveredOrderOfNewCustomer();
    const { caseNo } = await createCase({ ctx: customer, input: returnRequest(orderNo) });
    expect(caseNo).toMatch(/^AS-\d{8}-\d{4,}$/);
    const c = await caseVersion(caseNo);
    expect(c).toMatchObject({
      status: 'submitted',
      type: 'return_refund',
      channel: 'portal',
      priority: 'normal',
      policyCode: 'no_reason_until',
    });
    expect(c.firstResponseDueAt!.getTime() - c.createdAt.getTime()).toBeGreaterThan(7.9 * 3600_000);
    expect(c.decisionDueAt).not.toBeNull();
  });

  it('refuses another customer’s order (404), an anonymous caller, items not bought and too many', async () => {
    const { orderNo } = await deliveredOrderOfNewCustomer();
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(createCase({ ctx: stranger, input: returnRequest(orderNo) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createCase({ ctx: anonymousCtx(), input: returnRequest(orderNo) })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(
      createCase({ ctx: agent, input: { ...returnRequest(orderNo), items: [{ sku: 'NOT-IN-ORDER', quantity: 1 }] } }),
    ).rejects.toMatchObject({
      fieldErrors: { 'items.0.sku': ['item_not_in_order'] },
    });
    await expect(createCase({ ctx: agent, input: returnRequest(orderNo, 3) })).rejects.toMatchObject({
      fieldErrors: { 'items.0.quantity': ['quantity_exceeds_order'] },
    });
    // Two open cases cannot claim more than was bought between them.
    await createCase({ ctx: agent, input: returnRequest(orderNo, 2) });
    await expect(createCase({ ctx: agent, input: returnRequest(orderNo, 1) })).rejects.toMatchObject({
      fieldErrors: { 'items.0.quantity': ['quantity_exceeds_order'] },
    });
  });

  it('follows the policy engine: customers are refused, staff may override with a recorded reason', async () => {
    const { orderNo, customer } = await deliveredOrderOfNewCustomer('paid');
    await expect(createCase({ ctx: customer, input: returnRequest(orderNo) })).rejects.toMatchObject({
      code: 'not_eligible',
      params: { policy: 'not_delivered_yet' },
    });
    await expect(
      createCase({ ctx: customer, input: { ...returnRequest(orderNo), overrideReason: 'please' } }),
    ).rejects.toMatchObject({ fieldErrors: { overrideReason: ['invalid'] } });
    const { caseNo } = await createCase({
      ctx: agent,
      input: { ...returnRequest(orderNo), overrideReason: '客户拒收,物流已退回' },
    });
    expect(await caseVersion(caseNo)).toMatchObject({
      policyCode: 'not_delivered_yet',
      policyOverrideReason: '客户拒收,物流已退回',
      channel: 'desk',
    });
    // An undelivered order can always get a refund-only case.
    await expect(
      createCase({ ctx: customer, input: { orderNo, type: 'refund_only', reason: 'other', description: '不要了' } }),
    ).resolves.toHaveProperty('caseNo');
  });

  it('refuses goods excluded from no-reason return', async () => {
    const fresh = await createTestProduct({ priceCents: 3000, category: 'food' });
    const db = await getDb();
    await db
      .update(products)
      .set({ returnable: false, nonReturnableReason: 'perishable' })
      .where(eq(products.id, fresh.id));
    const { orderNo } = await createOrder({
      ctx: agent,
      input: orderInput(fresh.sku, { status: 'delivered', trackingNo: 'SF2' }),
    });
    await expect(
      createCase({ ctx: agent, input: { ...returnRequest(orderNo), items: [{ sku: fresh.sku, quantity: 1 }] } }),
    ).rejects.toMatchObject({
      fieldErrors: { overrideReason: ['override_reason_required'] },
    });
    const overridden = await createCase({
      ctx: agent,
      input: { ...returnRequest(orderNo), items: [{ sku: fresh.sku, quantity: 1 }], overrideReason: '包装未拆' },
    });
    expect((await caseVersion(overridden.caseNo)).policyCode).toBe('excluded_perishable');
    await expect(
      createCase({
        ctx: agent,
        input: {
          orderNo,
          type: 'return_refund',
          reason: 'quality_issue',
          description: '坏了',
          items: [{ sku: fresh.sku, quantity: 1 }],
        },
      }),
    ).resolves.toHaveProperty('caseNo');
  });
});

describe('applyCaseAction', () => {
  it('runs a return to the refund, updating the order, and never refunds twice', async () => {
    const { orderNo, customer } = await deliveredOrderOfNewCustomer();
    const { caseNo } = await createCase({ ctx: customer, input: returnRequest(orderNo) });
    let v = 1;
    await expect(
      applyCaseAction({ ctx: customer, input: { caseNo, version: v, action: 'approve' } }),
    ).rejects.toMatchObject({ code: 'case_action_forbidden' });
    for (const action of ['approve', 'request_return', 'receive_return', 'inspect_ok'] as const) {
      v = (await applyCaseAction({ ctx: agent, input: { caseNo, version: v, action } })).version;
    }
    const received = await caseVersion(caseNo);
    expect(received.refundDueAt!.getTime() - received.receivedAt!.getTime()).toBe(7 * 24 * 3600_000);
    await expect(
      applyCaseAction({ ctx: agent, input: { caseNo, version: v, action: 'start_refund', refundCents: 999_999 } }),
    ).rejects.toMatchObject({
      fieldErrors: { refundCents: ['refund_exceeds_paid'] },
    });
    v = (await applyCaseAction({ ctx: agent, input: { caseNo, version: v, action: 'start_refund' } })).version;
    expect((await caseVersion(caseNo)).refundCents).toBe(10_000);
    await expect(
      applyCaseAction({ ctx: agent, input: { caseNo, version: v - 1, action: 'confirm_refund' } }),
    ).rejects.toBeInstanceOf(ConflictError);
    v = (await applyCaseAction({ ctx: supervisor, input: { caseNo, version: v, action: 'confirm_refund' } })).version;

    const order = await getOrder({ ctx: agent, input: { orderNo } });
    expect(order).toMatchObject({ status: 'partially_refunded', refundedCents: 10_000 });
    expect(order.items[0]).toMatchObject({ refundedQuantity: 1 });
    expect((await getOrder({ ctx: customer, input: { orderNo } })).status).toBe('partially_refunded');
    await expect(
      applyCaseAction({ ctx: agent, input: { caseNo, version: v, action: 'confirm_refund' } }),
    ).rejects.toMatchObject({ code: 'illegal_case_transition' });

    // A refund-only case for the rest refunds the order fully; nothing is left for a third.
    const second = await createCase({
      ctx: agent,
      input: {
        orderNo,
        type: 'refund_only',
        reason: 'quality_issue',
        description: '余款',
        items: [{ sku, quantity: 1 }],
      },
    });
    let v2 = (await applyCaseAction({ ctx: agent, input: { caseNo: second.caseNo, version: 1, action: 'approve' } }))
      .version;
    v2 = (
      await applyCaseAction({
        ctx: agent,
        input: { caseNo: second.caseNo, version: v2, action: 'start_refund', refundCents: 10_500 },
      })
    ).version;
    await applyCaseAction({ ctx: agent, input: { caseNo: second.caseNo, version: v2, action: 'confirm_refund' } });
    expect(await getOrder({ ctx: agent, input: { orderNo } })).toMatchObject({
      status: 'refunded',
      refundedCents: 20_500,
    });
    const db = await getDb();
    const items = await db
      .select()
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(eq(orders.orderNo, orderNo));
    expect(items[0]!.order_items).toMatchObject({ refundedQuantity: 2, refundedCents: 20_000 });
    await expect(
      createCase({
        ctx: agent,
        input: { orderNo, type: 'refund_only', reason: 'other', description: 'again', items: [{ sku, quantity: 1 }] },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { 'items.0.quantity': ['quantity_exceeds_order'] },
    });
  });

  it('lets the customer cancel before the goods are back and appeal a rejection once', async () => {
    const { orderNo, customer } = await deliveredOrderOfNewCustomer();
    const a = await createCase({ ctx: customer, input: returnRequest(orderNo) });
    await applyCaseAction({ ctx: customer, input: { caseNo: a.caseNo, version: 1, action: 'cancel' } });
    const b = await createCase({ ctx: customer, input: returnRequest(orderNo) });
    const r = await applyCaseAction({
      ctx: agent,
      input: { caseNo: b.caseNo, version: 1, action: 'reject', note: '商品已使用' },
    });
    const ap = await applyCaseAction({
      ctx: customer,
      input: { caseNo: b.caseNo, version: r.version, action: 'appeal', note: '未使用' },
    });
    expect(ap.status).toBe('submitted');
    const r2 = await applyCaseAction({
      ctx: agent,
      input: { caseNo: b.caseNo, version: ap.version, action: 'reject' },
    });
    await expect(
      applyCaseAction({ ctx: customer, input: { caseNo: b.caseNo, version: r2.version, action: 'appeal' } }),
    ).rejects.toMatchObject({ code: 'appeal_used' });
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(
      applyCaseAction({ ctx: stranger, input: { caseNo: b.caseNo, version: r2.version, action: 'appeal' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('orders with cases', () => {
  it('can be deleted but never purged', async () => {
    const { orderNo } = await deliveredOrderOfNewCustomer();
    await createCase({ ctx: agent, input: returnRequest(orderNo) });
    await deleteOrder({ ctx: agent, input: { orderNo } });
    const purge = purgeOrder({ ctx: admin, input: { orderNo } });
    await expect(purge).rejects.toBeTruthy();
    await expect(purge).rejects.not.toBeInstanceOf(AppError);
  });
});
