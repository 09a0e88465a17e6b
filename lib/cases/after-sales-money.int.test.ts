import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { emailOutbox, notifications } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { act, caseRow, setUpMoneyCases, THRESHOLD } from '@/test/after-sales-money';
import { anonymousCtx, auditFor, orderOfNewCustomer } from '@/test/factories';
import { decideCompensation, recordCompensation, setReturnFreight } from './compensation';
import { createCase } from './mutations';
import { getCase } from './queries';
import { setReplacementShipment } from './shipments';

/**
 * #18 items 5–6 through the real verbs: the replacement's tracking number reaches the customer,
 * compensations above the shop's threshold wait for an approver, and return freight has a payer.
 * 价保 / 补偿 and the reports are in price-protection.int.test.ts.
 */
let agent: Ctx;
let supervisor: Ctx;
let stranger: Ctx;
let sku: string;

beforeAll(async () => {
  ({ agent, supervisor, stranger, sku } = await setUpMoneyCases());
});

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
