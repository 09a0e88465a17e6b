import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, customerExternalIds, customerNotes, customers, feedback, orders, surveys } from '@/db/schema';
import { transaction } from '@/db/tx';
import { createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { insertFeedback } from '@/lib/feedback/write';
import { createOrder } from '@/lib/orders/mutations';
import { anonymousCtx, auditFor, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { previewCustomerMerge } from './merge-preview';
import { addCustomerNote, mergeCustomers, setCustomerTags } from './mutations';
import { getCustomerProfile } from './profile';
import { insertCustomer } from './testing';

let agent: Ctx;
let supervisor: Ctx;
let customerCtx: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent', name: '客服小周' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  customerCtx = await ctxFor(await createTestUser({ role: 'customer' }));
  sku = (await createTestProduct({ priceCents: 10_000 })).sku;
});

async function notesOf(id: string) {
  const db = await getDb();
  return db.select().from(customerNotes).where(eq(customerNotes.customerId, id));
}

async function customerRow(id: string) {
  const db = await getDb();
  return (await db.select().from(customers).where(eq(customers.id, id)))[0];
}

describe('addCustomerNote', () => {
  it('adds a staff note with its author, audited; the profile lists notes newest first', async () => {
    const c = await insertCustomer();
    await addCustomerNote({ ctx: agent, input: { customerId: c.id, body: '  第一次来电  ' } });
    const { id } = await addCustomerNote({ ctx: agent, input: { customerId: c.id, body: '要求改地址' } });
    const notes = await notesOf(c.id);
    expect(notes.find((n) => n.id === id)).toMatchObject({
      body: '要求改地址',
      authorLabel: '客服小周',
      authorId: agent.actor!.userId,
    });
    expect(notes.map((n) => n.body).sort()).toEqual(['第一次来电', '要求改地址'].sort());
    expect((await getCustomerProfile({ ctx: agent, input: { id: c.id } })).notes[0]!.body).toBe('要求改地址');
    const audit = await auditFor(c.id);
    expect(audit.map((e) => e.action)).toEqual(['customer.note', 'customer.note']);
    // The audit trail records the note, not its text.
    expect(JSON.stringify(audit)).not.toContain('要求改地址');
  });

  it('refuses an empty or over-long body at the field, an unknown customer, a customer and anonymous — writing nothing', async () => {
    const c = await insertCustomer();
    await expect(addCustomerNote({ ctx: agent, input: { customerId: c.id, body: '   ' } })).rejects.toMatchObject({
      fieldErrors: { body: ['required'] },
    });
    await expect(
      addCustomerNote({ ctx: agent, input: { customerId: c.id, body: 'x'.repeat(2001) } }),
    ).rejects.toMatchObject({ fieldErrors: { body: ['too_long'] } });
    await expect(
      addCustomerNote({ ctx: agent, input: { customerId: randomUUID(), body: 'hi' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(addCustomerNote({ ctx: customerCtx, input: { customerId: c.id, body: 'hi' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      addCustomerNote({ ctx: anonymousCtx(), input: { customerId: c.id, body: 'hi' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await notesOf(c.id)).toEqual([]);
    expect(await auditFor(c.id)).toEqual([]);
    // 2000 characters is allowed.
    await addCustomerNote({ ctx: agent, input: { customerId: c.id, body: 'x'.repeat(2000) } });
    expect(await notesOf(c.id)).toHaveLength(1);
  });
});

describe('setCustomerTags', () => {
  it('trims, lower-cases and deduplicates tags, bumps the version and audits before and after', async () => {
    const c = await insertCustomer({ tags: ['old'] });
    const r = await setCustomerTags({
      ctx: agent,
      input: { id: c.id, version: 1, tags: [' VIP ', 'vip', '批发', ''] },
    });
    expect(r).toEqual({ version: 2, tags: ['vip', '批发'] });
    expect(await customerRow(c.id)).toMatchObject({ tags: ['vip', '批发'], version: 2 });
    const [event] = await auditFor(c.id);
    expect(event).toMatchObject({
      action: 'customer.tags',
      changes: { tags: { before: ['old'], after: ['vip', '批发'] } },
    });
  });

  it('refuses a stale version, 21 tags, a 31-character tag, CSV separators, a customer and anonymous — changing nothing', async () => {
    const c = await insertCustomer({ tags: ['keep'] });
    await setCustomerTags({ ctx: agent, input: { id: c.id, version: 1, tags: ['a'] } });
    await expect(setCustomerTags({ ctx: agent, input: { id: c.id, version: 1, tags: ['b'] } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    await expect(setCustomerTags({ ctx: agent, input: { id: c.id, version: 2, tags: many } })).rejects.toMatchObject({
      fieldErrors: { tags: ['too_many_tags'] },
    });
    await expect(
      setCustomerTags({ ctx: agent, input: { id: c.id, version: 2, tags: ['x'.repeat(31)] } }),
    ).rejects.toMatchObject({ fieldErrors: { tags: ['tag_too_long'] } });
    await expect(setCustomerTags({ ctx: agent, input: { id: c.id, version: 2, tags: ['a|b'] } })).rejects.toMatchObject(
      { fieldErrors: { tags: ['tag_invalid'] } },
    );
    await expect(
      setCustomerTags({ ctx: customerCtx, input: { id: c.id, version: 2, tags: ['b'] } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      setCustomerTags({ ctx: anonymousCtx(), input: { id: c.id, version: 2, tags: ['b'] } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      setCustomerTags({ ctx: agent, input: { id: randomUUID(), version: 1, tags: ['b'] } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await customerRow(c.id)).toMatchObject({ tags: ['a'], version: 2 });
    // Twenty distinct tags (a duplicate does not count) and 30 characters are within the limits.
    await setCustomerTags({
      ctx: agent,
      input: { id: c.id, version: 2, tags: [...many.slice(0, 19), 'y'.repeat(30), 'T0'] },
    });
    expect((await customerRow(c.id))!.tags).toEqual([...many.slice(0, 19), 'y'.repeat(30)]);
  });
});

/** A customer with an order (delivered), a case on it, a survey answered (NPS), one still open, a note and a buyer id. */
async function customerWithHistory(
  opts: {
    email?: string | null;
    region?: string | null;
    address?: string | null;
    tags?: string[];
    userId?: string | null;
  } = {},
) {
  const c = await insertCustomer(opts);
  const db = await getDb();
  // The order is placed under the customer's phone, so it lands on this customer.
  const { orderNo } = await createOrder({
    ctx: agent,
    input: orderInput(sku, {
      customer: { name: c.name, phone: c.phone },
      status: 'delivered',
      trackingNo: 'SF1',
      carrier: '顺丰速运',
    }),
  });
  const [o] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
  expect(o!.customerId).toBe(c.id);
  const { caseNo } = await createCase({
    ctx: agent,
    input: {
      orderNo,
      type: 'return_refund',
      reason: 'no_reason',
      description: '不合适',
      items: [{ sku, quantity: 1 }],
    },
  });
  const expiresAt = new Date(Date.now() + 86_400_000);
  const [answered] = await db
    .insert(surveys)
    .values({ kind: 'nps', customerId: c.id, orderId: o!.id, expiresAt, answeredAt: new Date() })
    .returning();
  await db.insert(surveys).values({
    kind: 'csat',
    customerId: c.id,
    caseId: (await db.select().from(cases).where(eq(cases.caseNo, caseNo)))[0]!.id,
    expiresAt,
  });
  await transaction((tx) =>
    insertFeedback(tx, {
      kind: 'nps',
      score: 9,
      customerId: c.id,
      orderId: o!.id,
      surveyId: answered!.id,
      comment: '',
    }),
  );
  await transaction((tx) =>
    insertFeedback(tx, { kind: 'review', score: 5, customerId: c.id, orderId: o!.id, comment: '好评' }),
  );
  await db.insert(customerNotes).values({ customerId: c.id, authorLabel: 'x', body: `关于${c.name}` });
  const buyerId = `buyer-${randomUUID().slice(0, 8)}`;
  await db.insert(customerExternalIds).values({ channel: 'tmall', externalId: buyerId, customerId: c.id });
  return { ...c, orderNo, caseNo, buyerId };
}

async function countsOf(id: string) {
  const db = await getDb();
  const n = async (p: Promise<unknown[]>) => (await p).length;
  return {
    orders: await n(db.select({ id: orders.id }).from(orders).where(eq(orders.customerId, id))),
    cases: await n(db.select({ id: cases.id }).from(cases).where(eq(cases.customerId, id))),
    feedback: await n(db.select({ id: feedback.id }).from(feedback).where(eq(feedback.customerId, id))),
    surveys: await n(db.select({ id: surveys.id }).from(surveys).where(eq(surveys.customerId, id))),
    notes: await n(db.select({ id: customerNotes.id }).from(customerNotes).where(eq(customerNotes.customerId, id))),
    externalIds: await n(
      db
        .select({ c: customerExternalIds.externalId })
        .from(customerExternalIds)
        .where(eq(customerExternalIds.customerId, id)),
    ),
  };
}

describe('mergeCustomers', () => {
  it('moves every row of the source to the target, unites tags, fills empty contacts, moves the account, deletes the source — audited', async () => {
    const user = await createTestUser({ role: 'customer' });
    const source = await customerWithHistory({
      email: 'dup@example.com',
      region: '上海市 浦东新区',
      address: '世纪大道 1 号',
      tags: ['vip', '批发'],
      userId: user.id,
    });
    const target = await customerWithHistory({ email: null, region: null, address: null, tags: ['老客户', 'vip'] });
    const expected = await countsOf(source.id);
    expect(expected).toEqual({ orders: 1, cases: 1, feedback: 2, surveys: 2, notes: 1, externalIds: 1 });
    const before = await countsOf(target.id);

    const preview = await previewCustomerMerge({
      ctx: supervisor,
      input: { sourceId: source.id, targetId: target.id },
    });
    expect(preview).toMatchObject({
      blocked: null,
      source: { id: source.id, counts: expected, hasAccount: true },
      target: { id: target.id, hasAccount: false },
    });

    const r = await mergeCustomers({ ctx: supervisor, input: { sourceId: source.id, targetId: target.id } });
    expect(r).toEqual({ targetId: target.id, moved: expected });
    expect(await customerRow(source.id)).toBeUndefined();
    const after = await countsOf(target.id);
    for (const k of Object.keys(after) as (keyof typeof after)[]) expect(after[k], k).toBe(before[k] + expected[k]);
    const t = (await customerRow(target.id))!;
    // Target keeps its own name and phone; takes the e-mail, region and address it lacked, and the account.
    expect(t).toMatchObject({
      name: target.name,
      phoneMasked: target.phoneMasked,
      email: 'dup@example.com',
      region: '上海市 浦东新区',
      userId: user.id,
      version: 2,
    });
    expect(t.tags).toEqual(['老客户', 'vip', '批发']);
    expect(t.addressEnc).not.toBeNull();
    // The portal customer now sees the moved order through the target record.
    const db = await getDb();
    expect((await db.select().from(orders).where(eq(orders.orderNo, source.orderNo)))[0]!.customerId).toBe(target.id);
    const [event] = (await auditFor(target.id)).filter((e) => e.action === 'customer.merge');
    expect(event!.changes).toMatchObject({
      sourceId: { after: source.id },
      targetId: { after: target.id },
      moved: { after: expected },
      accountMoved: { after: true },
    });
  });

  it('fills the target’s empty phone from the source', async () => {
    const source = await insertCustomer();
    const target = await insertCustomer({ phone: null, email: 'has@example.com' });
    await mergeCustomers({ ctx: supervisor, input: { sourceId: source.id, targetId: target.id } });
    expect(await customerRow(target.id)).toMatchObject({
      phoneHash: source.phoneHash,
      phoneMasked: source.phoneMasked,
      phoneEnc: source.phoneEnc,
      email: 'has@example.com',
    });
  });

  it('refuses self-merge, two portal accounts, unknown ids, an agent, a customer and anonymous — moving nothing', async () => {
    const a = await customerWithHistory({ userId: (await createTestUser({ role: 'customer' })).id });
    const b = await customerWithHistory({ userId: (await createTestUser({ role: 'customer' })).id });
    const before = [await countsOf(a.id), await countsOf(b.id)];
    await expect(mergeCustomers({ ctx: supervisor, input: { sourceId: a.id, targetId: a.id } })).rejects.toMatchObject({
      code: 'merge_self',
    });
    await expect(mergeCustomers({ ctx: supervisor, input: { sourceId: a.id, targetId: b.id } })).rejects.toMatchObject({
      code: 'merge_both_accounts',
    });
    expect((await previewCustomerMerge({ ctx: supervisor, input: { sourceId: a.id, targetId: b.id } })).blocked).toBe(
      'merge_both_accounts',
    );
    expect((await previewCustomerMerge({ ctx: supervisor, input: { sourceId: a.id, targetId: a.id } })).blocked).toBe(
      'merge_self',
    );
    await expect(
      mergeCustomers({ ctx: supervisor, input: { sourceId: randomUUID(), targetId: b.id } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      mergeCustomers({ ctx: supervisor, input: { sourceId: a.id, targetId: randomUUID() } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeCustomers({ ctx: supervisor, input: { sourceId: 'x', targetId: b.id } })).rejects.toMatchObject({
      fieldErrors: { sourceId: ['not_found'] },
    });
    await expect(mergeCustomers({ ctx: agent, input: { sourceId: a.id, targetId: b.id } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      previewCustomerMerge({ ctx: agent, input: { sourceId: a.id, targetId: b.id } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      mergeCustomers({ ctx: customerCtx, input: { sourceId: a.id, targetId: b.id } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      mergeCustomers({ ctx: anonymousCtx(), input: { sourceId: a.id, targetId: b.id } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect([await countsOf(a.id), await countsOf(b.id)]).toEqual(before);
    const db = await getDb();
    expect(
      await db
        .select({ id: customers.id })
        .from(customers)
        .where(inArray(customers.id, [a.id, b.id])),
    ).toHaveLength(2);
    expect((await auditFor(b.id)).filter((e) => e.action === 'customer.merge')).toEqual([]);
  });

  it('keeps one account when both records already belong to the same portal user', async () => {
    const user = await createTestUser({ role: 'customer' });
    const a = await insertCustomer({ userId: user.id });
    const b = await insertCustomer({ userId: user.id });
    await mergeCustomers({ ctx: supervisor, input: { sourceId: a.id, targetId: b.id } });
    expect(await customerRow(b.id)).toMatchObject({ userId: user.id });
  });
});
