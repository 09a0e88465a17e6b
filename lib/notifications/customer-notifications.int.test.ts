import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, customers } from '@/db/schema';
import { addCaseMessage } from '@/lib/cases/conversation';
import { applyCaseAction, closeCases, createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { listNotifications, markNotificationsRead } from './index';

let agent: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  sku = (await createTestProduct({ priceCents: 10_000 })).sku;
});

/** A portal customer with a return request on their delivered order. */
async function customerWithCase() {
  const o = await orderOfNewCustomer(agent, sku);
  const { caseNo } = await createCase({
    ctx: o.customer,
    input: {
      orderNo: o.orderNo,
      type: 'return_refund',
      reason: 'no_reason',
      description: '尺码不合适',
      items: [{ sku, quantity: 1 }],
    },
  });
  return { ...o, caseNo };
}

async function versionOf(caseNo: string) {
  const db = await getDb();
  const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.caseNo, caseNo));
  return row!.version;
}

describe('customer notifications', () => {
  it('tell the customer when staff move their case or reply, never about internal notes or their own steps', async () => {
    const { customer, caseNo } = await customerWithCase();
    // Opening the request themselves tells them nothing.
    expect(await listNotifications({ ctx: customer, input: {} })).toMatchObject({ unread: 0, items: [] });

    await applyCaseAction({ ctx: agent, input: { caseNo, version: await versionOf(caseNo), action: 'approve' } });
    let bell = await listNotifications({ ctx: customer, input: {} });
    expect(bell.unread).toBe(1);
    expect(bell.items).toMatchObject([{ kind: 'case_status', caseNo, caseStatus: 'approved', read: false }]);

    await addCaseMessage({ ctx: agent, input: { caseNo, body: '内部：先核对库存', internal: true } });
    expect((await listNotifications({ ctx: customer, input: {} })).unread).toBe(1);

    await addCaseMessage({ ctx: agent, input: { caseNo, body: '您好，请按页面地址寄回商品。' } });
    bell = await listNotifications({ ctx: customer, input: {} });
    expect(bell.unread).toBe(2);
    expect(bell.items.map((n) => n.kind)).toEqual(['case_reply', 'case_status']);

    // The customer's own reply and their own withdrawal are not news to them.
    await addCaseMessage({ ctx: customer, input: { caseNo, body: '好的，明天寄出。' } });
    await applyCaseAction({ ctx: customer, input: { caseNo, version: await versionOf(caseNo), action: 'cancel' } });
    bell = await listNotifications({ ctx: customer, input: {} });
    expect(bell.unread).toBe(2);
    // The list shows where the case stands now.
    expect(bell.items.every((n) => n.caseStatus === 'cancelled')).toBe(true);
    // The agent's own bell does not get the customer's notices.
    expect((await listNotifications({ ctx: agent, input: {} })).items.some((n) => n.caseNo === caseNo)).toBe(false);
  });

  it('tell the customer when staff close their case from the queue', async () => {
    const { customer, caseNo } = await customerWithCase();
    await applyCaseAction({ ctx: agent, input: { caseNo, version: await versionOf(caseNo), action: 'reject' } });
    const before = (await listNotifications({ ctx: customer, input: {} })).unread;
    expect(before).toBe(1);
    expect(await closeCases({ ctx: agent, input: { caseNos: [caseNo] } })).toEqual({ closed: 1, skipped: 0 });
    const bell = await listNotifications({ ctx: customer, input: {} });
    expect(bell.unread).toBe(2);
    expect(bell.items[0]).toMatchObject({ kind: 'case_status', caseNo, caseStatus: 'closed' });
  });

  it('are never visible to another customer, who cannot mark them read either', async () => {
    const a = await customerWithCase();
    const b = await customerWithCase();
    await addCaseMessage({ ctx: agent, input: { caseNo: a.caseNo, body: '已为您登记。' } });
    const mine = await listNotifications({ ctx: a.customer, input: {} });
    expect(mine.unread).toBe(1);
    const theirs = await listNotifications({ ctx: b.customer, input: {} });
    expect(theirs.items.some((n) => n.caseNo === a.caseNo)).toBe(false);
    expect(theirs.unread).toBe(0);

    const ids = mine.items.map((n) => n.id);
    expect(await markNotificationsRead({ ctx: b.customer, input: { ids } })).toBe(0);
    expect(await markNotificationsRead({ ctx: b.customer, input: { all: true } })).toBe(0);
    expect((await listNotifications({ ctx: a.customer, input: {} })).unread).toBe(1);
    await expect(markNotificationsRead({ ctx: anonymousCtx(), input: { ids } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );

    expect(await markNotificationsRead({ ctx: a.customer, input: { ids } })).toBe(1);
    const after = await listNotifications({ ctx: a.customer, input: {} });
    expect(after).toMatchObject({ unread: 0, items: [{ read: true }] });
  });

  it('do not go to a customer record without a portal account', async () => {
    const { customer, caseNo, customerId } = await customerWithCase();
    const db = await getDb();
    await db.update(customers).set({ userId: null }).where(eq(customers.id, customerId));
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '已收到。' } });
    // The former owner hears nothing more and no longer sees the case's status.
    const bell = await listNotifications({ ctx: customer, input: {} });
    expect(bell.unread).toBe(0);
  });
});
