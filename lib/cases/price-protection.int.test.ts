import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orderItems, orders } from '@/db/schema';
import { getDashboard } from '@/lib/analytics/dashboard';
import { refreshRollups } from '@/lib/analytics/rollup';
import type { Ctx } from '@/lib/context';
import { saveCategoryPolicy } from '@/lib/returns/policies';
import { act, boughtDaysAgo, caseRow, policyDate, setUpMoneyCases } from '@/test/after-sales-money';
import { createTestProduct, orderOfNewCustomer } from '@/test/factories';
import { recordCompensation, setReturnFreight } from './compensation';
import { createCase } from './mutations';
import { getCase, previewCasePolicy } from './queries';
import { CASE_TYPES } from './workflow';

/**
 * #18 item 7 through the real verbs: 价保 (price protection) and 补偿 (compensation only) are case
 * types with their own workflow and policy answer, and the money of every after-sales case shows in
 * the reports (which read the rollups, refreshed here as the job does).
 */
let agent: Ctx;
let supervisor: Ctx;
let admin: Ctx;
let sku: string;

beforeAll(async () => {
  ({ agent, supervisor, admin, sku } = await setUpMoneyCases());
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
