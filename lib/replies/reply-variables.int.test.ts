import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { customers, orders, users } from '@/db/schema';
import { addCaseMessage } from '@/lib/cases/conversation';
import { createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { caseReplyContext } from './case-values';
import { createCannedReply, listCannedReplies } from './index';
import { fillReply } from './variables';

let agent: Ctx;
let supervisor: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent', name: '周客服' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  sku = (await createTestProduct()).sku;
});

async function complaint() {
  const { orderNo, customer } = await orderOfNewCustomer(agent, sku, { trackingNo: 'SF1234567890' });
  const { caseNo } = await createCase({
    ctx: customer,
    input: { orderNo, type: 'complaint', reason: 'other', description: '包装破损' },
  });
  return { orderNo, caseNo, customer };
}

describe('canned replies with variables, in the customer language', () => {
  it("fills the case's values, in the language the customer reads", async () => {
    const { orderNo, caseNo, customer } = await complaint();
    const db = await getDb();
    const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
    const [cust] = await db
      .select({ name: customers.name, userId: customers.userId })
      .from(customers)
      .where(eq(customers.id, o!.c));

    const zh = await caseReplyContext({ ctx: agent, input: { caseNo } });
    expect(zh.locale).toBe('zh-CN');
    expect(zh.values).toMatchObject({
      customer_name: cust!.name,
      order_no: orderNo,
      case_no: caseNo,
      carrier: '顺丰速运',
      tracking_no: 'SF1234567890',
      agent_name: '周客服',
    });
    expect(zh.values.refund_amount).toBeUndefined();

    const reply = await createCannedReply({
      ctx: supervisor,
      input: {
        title: `发货通知 ${caseNo}`,
        body: '{{customer_name}}，您好！运单号：{{tracking_no}}，退款 {{refund_amount}}。',
        bodyEn: 'Hello {{customer_name}}, tracking number {{tracking_no}}.',
      },
    });
    const saved = (await listCannedReplies({ ctx: agent, input: { q: caseNo } })).find((r) => r.id === reply.id)!;
    expect(fillReply(saved.body, zh.values)).toEqual({
      text: `${cust!.name}，您好！运单号：SF1234567890，退款 {{refund_amount}}。`,
      missing: ['refund_amount'],
    });

    // A customer who reads English gets the English text.
    await db.update(users).set({ locale: 'en' }).where(eq(users.id, cust!.userId!));
    const en = await caseReplyContext({ ctx: agent, input: { caseNo } });
    expect(en.locale).toBe('en');
    expect(fillReply(saved.bodyEn!, en.values).text).toBe(`Hello ${cust!.name}, tracking number SF1234567890.`);

    // Only staff read a case's reply values.
    await expect(caseReplyContext({ ctx: customer, input: { caseNo } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(caseReplyContext({ ctx: anonymousCtx(), input: { caseNo } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('refuses a reply that names an unknown variable, and a message that still has one unfilled', async () => {
    await expect(
      createCannedReply({ ctx: supervisor, input: { title: 'typo', body: '订单 {{order_number}}' } }),
    ).rejects.toMatchObject({ fieldErrors: { body: ['unknown_variable'] } });
    await expect(
      createCannedReply({ ctx: supervisor, input: { title: 'typo', body: '订单', bodyEn: 'Order {{orderno}}' } }),
    ).rejects.toMatchObject({ fieldErrors: { bodyEn: ['unknown_variable'] } });

    const { caseNo } = await complaint();
    await expect(
      addCaseMessage({ ctx: agent, input: { caseNo, body: '运单号：{{tracking_no}}' } }),
    ).rejects.toMatchObject({ fieldErrors: { body: ['unfilled_variables'] } });
    // An internal note may quote a variable; colleagues are not the customer.
    await addCaseMessage({ ctx: agent, input: { caseNo, body: '模板里的 {{tracking_no}} 没填', internal: true } });
  });
});
