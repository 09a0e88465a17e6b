import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, emailOutbox, notifications, orderItems, orders } from '@/db/schema';
import { getDashboard } from '@/lib/analytics/dashboard';
import { refreshRollups } from '@/lib/analytics/rollup';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { saveCategoryPolicy } from '@/lib/returns/policies';
import { env } from '@/lib/env';
import { addDays, shopDate } from '@/lib/returns/policy-engine';
import { updateCompensationThreshold } from '@/lib/shop/settings';
import { CASE_TYPES } from './workflow';
import {
  anonymousCtx,
  auditFor,
  createTestProduct,
  createTestUser,
  ctxFor,
  orderOfNewCustomer,
} from '@/test/factories';
import { decideCompensation, recordCompensation, setReturnFreight } from './compensation';
import { applyCaseAction, createCase } from './mutations';
import { getCase, previewCasePolicy } from './queries';
import { setReplacementShipment } from './shipments';

/**
 * #18 items 5–7 through the real verbs: the replacement's tracking number reaches the customer,
 * compensations above the shop's threshold wait for an approver, return freight has a payer, and
 * 价保 / 补偿 are case types with their own workflow and policy answer — all of it visible in the
 * reports (which read the rollups, refreshed here as the job does).
 */
let agent: Ctx;
let supervisor: Ctx;
let admin: Ctx;
let stranger: Ctx;
let sku: string;
const category = `money-${randomUUID().slice(0, 8)}`;
const THRESHOLD = 5_000;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  stranger = await ctxFor(await createTestUser({ role: 'customer' }));
  sku = (await createTestProduct({ priceCents: 10_000, category })).sku;
  // The category offers every type, with 15 days of price protection.
  await saveCategoryPolicy({
    ctx: admin,
    input: {
      category,
      version: 0,
      noReasonDays: 7,
      qualityReturnDays: 7,
      qualityExchangeDays: 15,
      priceProtectionDays: 15,
      allowedTypes: [...CASE_TYPES],
    },
  });
  await updateCompensationThreshold({ ctx: admin, input: { compensationApprovalCents: THRESHOLD } });
});

/** The shop-calendar date `days` after an instant: how policy answers state their last day. */
const policyDate = (at: Date, days: number) => addDays(shopDate(at, env().SHOP_TIMEZONE), days);

async function caseRow(caseNo: string) {
  const db = await getDb();
  return (await db.select().from(cases).where(eq(cases.caseNo, caseNo)))[0]!;
}

async function act(ctx: Ctx, caseNo: string, action: string, extra: Record<string, unknown> = {}) {
  return applyCaseAction({ ctx, input: { caseNo, version: (await caseRow(caseNo)).version, action, ...extra } });
}

/** Moves the order's purchase back by some days (the price-protection window counts from it). */
async function boughtDaysAgo(orderNo: string, days: number) {
  const db = await getDb();
  await db
    .update(orders)
    .set({ placedAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(orders.orderNo, orderNo));
  const [o] = await db.select({ placedAt: orders.placedAt }).from(orders).where(eq(orders.orderNo, orderNo));
  return o!.placedAt;
}

describe('replacement shipment (#18 item 5)', () => {
  it('is required when the replacement ships, stored, shown and mailed to the customer, and correctable', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: {
        orderNo,
        type: 'reissue',
        reason: 'missing_item',
        description: '少发一件',
        items: [{ sku, quantity: 1 }],
      },
    });
    await act(agent, caseNo, 'approve');
    await act(agent, caseNo, 'ship_replacement');
    await expect(act(agent, caseNo, 'confirm_shipment')).rejects.toMatchObject({
      fieldErrors: { carrier: ['required'], trackingNo: ['required'] },
    });
    await act(agent, caseNo, 'confirm_shipment', { carrier: '顺丰速运', trackingNo: 'sf1234567890' });

    const seen = await getCase({ ctx: customer, input: { caseNo } });
    expect(seen.status).toBe('replacement_shipped');
    expect(seen.replacement).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    expect(seen.events.find((e) => e.kind === 'confirm_shipment')?.note).toBe('顺丰速运 SF1234567890');
    const db = await getDb();
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.caseId, seen.id));
    expect(mails.some((m) => m.textBody.includes('SF1234567890'))).toBe(true);

    // A typo corrected by the agent: the customer sees the new number and gets a mail about it.
    await setReplacementShipment({ ctx: agent, input: { caseNo, carrier: '京东物流', trackingNo: 'JD0001112223' } });
    expect((await getCase({ ctx: customer, input: { caseNo } })).replacement).toMatchObject({
      carrier: '京东物流',
      trackingNo: 'JD0001112223',
    });
    const after = await db.select().from(emailOutbox).where(eq(emailOutbox.caseId, seen.id));
    expect(after.some((m) => m.textBody.includes('JD0001112223'))).toBe(true);
    expect((await auditFor(caseNo)).map((e) => e.action)).toContain('case.replacement_tracking');

    // Only staff correct it; another customer does not even see the case.
    await expect(
      setReplacementShipment({ ctx: customer, input: { caseNo, carrier: 'x', trackingNo: 'ABCD1234' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCase({ ctx: stranger, input: { caseNo } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('cannot be corrected before the replacement shipped', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: {
        orderNo,
        type: 'exchange',
        reason: 'wrong_item',
        description: '发错颜色',
        items: [{ sku, quantity: 1 }],
      },
    });
    await expect(
      setReplacementShipment({ ctx: agent, input: { caseNo, carrier: '顺丰速运', trackingNo: 'SF0000000001' } }),
    ).rejects.toMatchObject({ code: 'replacement_not_shipped' });
  });
});

describe('compensation and return freight (#18 item 6)', () => {
  it('approves up to the threshold at once; above it waits for a supervisor; audited; customers see the granted ones', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: {
        orderNo,
        type: 'return_refund',
        reason: 'quality_issue',
        description: '有划痕',
        items: [{ sku, quantity: 1 }],
      },
    });
    const small = await recordCompensation({
      ctx: agent,
      input: { caseNo, amountCents: THRESHOLD, method: 'coupon', reason: '划痕致歉券' },
    });
    expect(small.status).toBe('approved');
    expect(Number((await caseRow(caseNo)).compensationCents)).toBe(THRESHOLD);

    const big = await recordCompensation({
      ctx: agent,
      input: { caseNo, amountCents: THRESHOLD + 1, method: 'cash', reason: '客户多次来电' },
    });
    expect(big.status).toBe('pending_approval');
    // Pending money does not count yet.
    expect(Number((await caseRow(caseNo)).compensationCents)).toBe(THRESHOLD);
    const c = await caseRow(caseNo);
    const db = await getDb();
    // Approvers hear about it (the recording agent does not).
    const pinged = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.caseId, c.id), eq(notifications.kind, 'compensation_pending')));
    expect(pinged.length).toBeGreaterThan(0);
    expect(pinged.map((p) => p.userId)).not.toContain(agent.actor!.userId);

    const staffView = await getCase({ ctx: agent, input: { caseNo } });
    const pending = staffView.compensations.find((x) => x.id === big.id)!;
    expect(pending).toMatchObject({ status: 'pending_approval', reason: '客户多次来电', amountCents: THRESHOLD + 1 });
    const decide = (ctx: Ctx, decision: 'approve' | 'reject', id = big.id, version = pending.version) =>
      decideCompensation({ ctx, input: { caseNo, compensationId: id, version, decision } });
    // An agent cannot approve (not even their own); customers and anonymous callers neither.
    await expect(decide(agent, 'approve')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decide(customer, 'approve')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decide(anonymousCtx(), 'approve')).rejects.toBeInstanceOf(UnauthenticatedError);
    await decide(supervisor, 'approve');
    expect(Number((await caseRow(caseNo)).compensationCents)).toBe(THRESHOLD * 2 + 1);
    await expect(decide(supervisor, 'reject', big.id, pending.version + 1)).rejects.toMatchObject({
      code: 'compensation_decided',
    });
    const audit = await auditFor(caseNo);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.compensation.record', 'case.compensation.approve']),
    );
    expect(audit.find((e) => e.action === 'case.compensation.approve')!.actorId).toBe(supervisor.actor!.userId);

    // A rejected one never counts.
    const third = await recordCompensation({
      ctx: agent,
      input: { caseNo, amountCents: 20_000, method: 'points', reason: '积分补偿' },
    });
    await decideCompensation({
      ctx: supervisor,
      input: { caseNo, compensationId: third.id, version: 1, decision: 'reject', note: '超出标准' },
    });
    expect(Number((await caseRow(caseNo)).compensationCents)).toBe(THRESHOLD * 2 + 1);
    expect((await auditFor(caseNo)).map((e) => e.action)).toContain('case.compensation.reject');

    // The customer sees the two granted compensations (amount and method), not the rejected one
    // nor the shop's reasons; a supervisor recording above the threshold needs no second approver.
    const mine = await getCase({ ctx: customer, input: { caseNo } });
    expect(mine.compensations.map((x) => [x.amountCents, x.method, x.reason])).toEqual([
      [THRESHOLD, 'coupon', ''],
      [THRESHOLD + 1, 'cash', ''],
    ]);
    expect(
      (
        await recordCompensation({
          ctx: supervisor,
          input: { caseNo, amountCents: 9_999, method: 'cash', reason: 'x' },
        })
      ).status,
    ).toBe('approved');
  });

  it('is recorded by staff only, on a visible case', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: { orderNo, type: 'compensation', reason: 'damaged_in_transit', description: '外箱压坏' },
    });
    const input = { caseNo, amountCents: 100, method: 'coupon', reason: 'x' };
    await expect(recordCompensation({ ctx: customer, input })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordCompensation({ ctx: stranger, input })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordCompensation({ ctx: anonymousCtx(), input })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      setReturnFreight({ ctx: customer, input: { caseNo, payer: 'customer', amountCents: 0 } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordCompensation({ ctx: agent, input: { ...input, amountCents: 0 } })).rejects.toMatchObject({
      fieldErrors: { amountCents: ['invalid_amount'] },
    });
    await expect(
      recordCompensation({ ctx: agent, input: { ...input, caseNo: 'AS-00000000-0000' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records who pays the return freight; only the shop’s share is a cost', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const { caseNo } = await createCase({
      ctx: customer,
      input: {
        orderNo,
        type: 'return_refund',
        reason: 'no_reason',
        description: '不合适',
        items: [{ sku, quantity: 1 }],
      },
    });
    await setReturnFreight({ ctx: agent, input: { caseNo, payer: 'customer', amountCents: 1_200 } });
    expect(await getCase({ ctx: agent, input: { caseNo } })).toMatchObject({
      returnFreight: { payer: 'customer', cents: 1_200 },
    });
    // The customer's view carries no freight figure (it is the shop's bookkeeping).
    expect((await getCase({ ctx: customer, input: { caseNo } })).returnFreight).toBeNull();
    await setReturnFreight({ ctx: agent, input: { caseNo, payer: 'shop', amountCents: 1_500 } });
    expect(await caseRow(caseNo)).toMatchObject({ returnFreightPayer: 'shop', returnFreightCents: 1_500 });
    const audit = (await auditFor(caseNo)).filter((e) => e.action === 'case.return_freight');
    expect(audit).toHaveLength(2);
  });
});

describe('价保 price protection (#18 item 7)', () => {
  it('inside N days of purchase: submitted → approved → refunding → refunded, the difference only, no goods move', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const placedAt = await boughtDaysAgo(orderNo, 10);
    const preview = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'price_drop' } });
    const until = policyDate(placedAt, 15);
    expect(preview.answers.price_protection).toEqual({ eligible: true, code: 'price_protection_until', until });

    // The claimed price must be given and lower than what was paid (100.00 per unit, less the
    // order discount spread over the line: the line total is what counts).
    const db = await getDb();
    const [line] = await db
      .select()
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(eq(orders.orderNo, orderNo));
    const paid = Math.round(Number(line!.order_items.lineTotalCents) / line!.order_items.quantity);
    const request = (claimedUnitCents?: number) => ({
      orderNo,
      type: 'price_protection',
      reason: 'price_drop',
      description: '降价了',
      items: [{ sku, quantity: 2, claimedUnitCents }],
    });
    await expect(createCase({ ctx: customer, input: request() })).rejects.toMatchObject({
      fieldErrors: { 'items.0.claimedUnitCents': ['claimed_price_required'] },
    });
    await expect(createCase({ ctx: customer, input: request(paid) })).rejects.toMatchObject({
      fieldErrors: { 'items.0.claimedUnitCents': ['claimed_price_not_lower'] },
    });
    const { caseNo } = await createCase({ ctx: customer, input: request(paid - 1_500) });
    const opened = await caseRow(caseNo);
    expect(opened).toMatchObject({ status: 'submitted', policyCode: 'price_protection_until', policyUntil: until });
    // SLA clocks like every other request awaiting a decision.
    expect(opened.firstResponseDueAt).not.toBeNull();
    expect(opened.decisionDueAt).not.toBeNull();
    expect(opened.resolutionDueAt).not.toBeNull();

    expect((await act(agent, caseNo, 'approve')).status).toBe('approved');
    // No goods move: no return or replacement step is offered.
    const offered = (await getCase({ ctx: agent, input: { caseNo } })).actions;
    expect(offered).toContain('start_refund');
    expect(offered).not.toContain('request_return');
    expect(offered).not.toContain('ship_replacement');
    await act(agent, caseNo, 'start_refund');
    expect(Number((await caseRow(caseNo)).refundCents)).toBe(2 * 1_500);
    expect((await act(agent, caseNo, 'confirm_refund')).status).toBe('refunded');
    const [after] = await db
      .select()
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(eq(orders.orderNo, orderNo));
    expect(Number(after!.orders.refundedCents)).toBe(3_000);
    expect(after!.order_items.refundedQuantity).toBe(0);
    expect(Number(after!.order_items.refundedCents)).toBe(3_000);
    // The customer still owns both units: a later return is possible for them.
    expect(
      (await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'no_reason' } })).lines[0]!.available,
    ).toBe(2);
  });

  it('after N days the policy answer says no, with the last day', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const placedAt = await boughtDaysAgo(orderNo, 16);
    const until = policyDate(placedAt, 15);
    const preview = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'price_drop' } });
    expect(preview.answers.price_protection).toEqual({ eligible: false, code: 'price_protection_expired', until });
    await expect(
      createCase({
        ctx: customer,
        input: {
          orderNo,
          type: 'price_protection',
          reason: 'price_drop',
          description: '降价了',
          items: [{ sku, quantity: 1, claimedUnitCents: 100 }],
        },
      }),
    ).rejects.toMatchObject({ code: 'not_eligible', params: { policy: 'price_protection_expired', until } });
  });

  it('may be rejected by the agent', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    await boughtDaysAgo(orderNo, 1);
    const { caseNo } = await createCase({
      ctx: customer,
      input: {
        orderNo,
        type: 'price_protection',
        reason: 'price_drop',
        description: '别家更便宜',
        items: [{ sku, quantity: 1, claimedUnitCents: 5_000 }],
      },
    });
    expect((await act(agent, caseNo, 'reject', { note: '非本店价格' })).status).toBe('rejected');
  });
});

describe('补偿 compensation only (#18 item 7)', () => {
  it('submitted → approved → resolved once a compensation is granted; no goods needed', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    const preview = await previewCasePolicy({ ctx: customer, input: { orderNo, reason: 'damaged_in_transit' } });
    expect(preview.answers.compensation).toEqual({ eligible: true, code: 'compensation_open' });
    const { caseNo } = await createCase({
      ctx: customer,
      input: { orderNo, type: 'compensation', reason: 'damaged_in_transit', description: '外箱压坏，商品可用' },
    });
    expect(await caseRow(caseNo)).toMatchObject({ status: 'submitted', policyCode: 'compensation_open' });
    expect((await caseRow(caseNo)).decisionDueAt).not.toBeNull();
    await act(agent, caseNo, 'approve');
    const offered = (await getCase({ ctx: agent, input: { caseNo } })).actions;
    expect(offered).toContain('resolve');
    expect(offered).not.toContain('start_refund');
    await expect(act(agent, caseNo, 'resolve')).rejects.toMatchObject({ code: 'compensation_required' });
    await recordCompensation({
      ctx: agent,
      input: { caseNo, amountCents: 2_000, method: 'coupon', reason: '外箱破损' },
    });
    expect((await act(agent, caseNo, 'resolve')).status).toBe('resolved');
    expect((await caseRow(caseNo)).completedAt).not.toBeNull();
  });
});

describe('reports (#18 items 6–7)', () => {
  it('count approved compensations, shop-paid freight and price-protection refunds, by type', async () => {
    // A category of its own, so the report slice holds exactly these cases.
    const cat = `rep-${randomUUID().slice(0, 8)}`;
    const product = await createTestProduct({ priceCents: 10_000, category: cat });
    await saveCategoryPolicy({
      ctx: admin,
      input: {
        category: cat,
        version: 0,
        noReasonDays: 7,
        qualityReturnDays: 7,
        qualityExchangeDays: 15,
        priceProtectionDays: 30,
        allowedTypes: [...CASE_TYPES],
      },
    });
    const a = await orderOfNewCustomer(agent, product.sku);
    const ret = await createCase({
      ctx: a.customer,
      input: {
        orderNo: a.orderNo,
        type: 'return_refund',
        reason: 'no_reason',
        description: '退货',
        items: [{ sku: product.sku, quantity: 1 }],
      },
    });
    await setReturnFreight({ ctx: agent, input: { caseNo: ret.caseNo, payer: 'shop', amountCents: 1_200 } });
    await recordCompensation({
      ctx: agent,
      input: { caseNo: ret.caseNo, amountCents: 800, method: 'coupon', reason: '致歉' },
    });
    // Pending above the threshold: not counted.
    await recordCompensation({
      ctx: agent,
      input: { caseNo: ret.caseNo, amountCents: 9_000, method: 'cash', reason: '待批' },
    });
    const b = await orderOfNewCustomer(agent, product.sku);
    const comp = await createCase({
      ctx: b.customer,
      input: {
        orderNo: b.orderNo,
        type: 'compensation',
        reason: 'other',
        description: '晚到',
        items: [{ sku: product.sku, quantity: 1 }],
      },
    });
    await recordCompensation({
      ctx: agent,
      input: { caseNo: comp.caseNo, amountCents: 1_000, method: 'points', reason: '晚到' },
    });
    // Freight the customer pays is not the shop's cost.
    await setReturnFreight({ ctx: agent, input: { caseNo: comp.caseNo, payer: 'customer', amountCents: 700 } });
    const c = await orderOfNewCustomer(agent, product.sku);
    const pp = await createCase({
      ctx: c.customer,
      input: {
        orderNo: c.orderNo,
        type: 'price_protection',
        reason: 'price_drop',
        description: '降价',
        items: [{ sku: product.sku, quantity: 1, claimedUnitCents: 8_000 }],
      },
    });
    await act(agent, pp.caseNo, 'approve');
    await act(agent, pp.caseNo, 'start_refund', { refundCents: 1_900 });
    await act(agent, pp.caseNo, 'confirm_refund');

    await refreshRollups({ waitForOthers: true });
    const day = (await caseRow(ret.caseNo)).createdAt;
    const today = policyDate(day, 0);
    const report = await getDashboard({ ctx: supervisor, input: { from: today, to: today, category: cat } });
    expect(report.afterSales.current).toMatchObject({
      opened: 3,
      refundCents: 1_900,
      compensationCents: 1_800,
      freightCents: 1_200,
      costCents: 1_900 + 1_800 + 1_200,
    });
    expect(Object.fromEntries(report.afterSales.byType.map((t) => [t.type, t.opened]))).toMatchObject({
      return_refund: 1,
      compensation: 1,
      price_protection: 1,
    });
  });
});
