import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { customerExternalIds, customerNotes, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { createCase } from '@/lib/cases/mutations';
import { getCase } from '@/lib/cases/queries';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { insertFeedback } from '@/lib/feedback/write';
import { createOrder, deleteOrder } from '@/lib/orders/mutations';
import { anonymousCtx, auditFor, createTestProduct, createTestUser, ctxFor, orderInput } from '@/test/factories';
import { revealCustomerContact } from './pii';
import { getCustomerProfile } from './profile';
import { listCustomerOrders, listCustomers } from './queries';
import { insertCustomer, uniqueTag } from './testing';

let agent: Ctx;
let supervisor: Ctx;
let customerCtx: Ctx;
let admin: Ctx;
let sku: string;

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  customerCtx = await ctxFor(await createTestUser({ role: 'customer' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  sku = (await createTestProduct({ priceCents: 10_000 })).sku;
});

const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('listCustomers', () => {
  it('finds a customer by name prefix, phone, e-mail, tag and channel buyer id — guessed or chosen', async () => {
    const prefix = `检索${randomUUID().slice(0, 6)}`;
    const tag = uniqueTag('vip');
    const email = `Li.${randomUUID().slice(0, 6)}@Example.com`.toLowerCase();
    const target = await insertCustomer({
      name: `${prefix}王小明`,
      email,
      region: '浙江省 杭州市',
      tags: [tag, '批发'],
    });
    const other = await insertCustomer({ name: `${prefix}李四` });
    const buyerId = `tb-${randomUUID().slice(0, 8)}`;
    const db = await getDb();
    await db.insert(customerExternalIds).values({ channel: 'tmall', externalId: buyerId, customerId: target.id });

    expect(ids(await listCustomers({ ctx: agent, input: { q: prefix } }))).toEqual([other.id, target.id]);
    expect(ids(await listCustomers({ ctx: agent, input: { q: `${prefix}王` } }))).toEqual([target.id]);
    // A phone typed with spaces or +86 is the same phone; the box guesses "phone" from the digits.
    const spaced = `+86 ${target.phone!.slice(0, 3)} ${target.phone!.slice(3, 7)} ${target.phone!.slice(7)}`;
    expect(ids(await listCustomers({ ctx: agent, input: { q: spaced } }))).toEqual([target.id]);
    expect(ids(await listCustomers({ ctx: agent, input: { q: email.toUpperCase() } }))).toEqual([target.id]);
    expect(ids(await listCustomers({ ctx: agent, input: { q: buyerId, field: 'externalId' } }))).toEqual([target.id]);
    expect(ids(await listCustomers({ ctx: agent, input: { tag: tag.toUpperCase() } }))).toEqual([target.id]);
    expect(ids(await listCustomers({ ctx: agent, input: { q: prefix, tag } }))).toEqual([target.id]);
    // The explicit field wins over the guess: these digits are nobody's name.
    expect(ids(await listCustomers({ ctx: agent, input: { q: target.phone, field: 'name' } }))).toEqual([]);
    // LIKE characters are taken literally.
    expect(ids(await listCustomers({ ctx: agent, input: { q: `${prefix}%` } }))).toEqual([]);

    const [row] = (await listCustomers({ ctx: agent, input: { q: buyerId, field: 'externalId' } })).items;
    expect(row).toMatchObject({
      name: `${prefix}王小明`,
      phoneMasked: `${target.phone!.slice(0, 3)}****${target.phone!.slice(-4)}`,
      emailMasked: `l***@example.com`,
      region: '浙江省 杭州市',
      tags: [tag, '批发'],
      orderCount: 0,
      lastOrderAt: null,
      hasAccount: false,
    });
  });

  it('counts each row’s live orders and last order time in one grouped query', async () => {
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const prefix = `计数${randomUUID().slice(0, 6)}`;
    const a = await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer: { name: `${prefix}甲`, phone }, placedAt: '2026-01-02T10:00:00+08:00' }),
    });
    await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer: { name: `${prefix}甲`, phone }, placedAt: '2026-03-04T10:00:00+08:00' }),
    });
    const deleted = await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer: { name: `${prefix}甲`, phone }, placedAt: '2026-05-06T10:00:00+08:00' }),
    });
    const db = await getDb();
    const [{ version }] = (await db
      .select({ version: orders.version })
      .from(orders)
      .where(eq(orders.orderNo, deleted.orderNo))) as [{ version: number }];
    await deleteOrder({ ctx: agent, input: { orderNo: deleted.orderNo, version } });
    const [row] = (await listCustomers({ ctx: agent, input: { q: prefix } })).items;
    expect(row).toMatchObject({ orderCount: 2, lastOrderAt: '2026-03-04T02:00:00.000Z' });
    expect(a.orderNo).toBeTruthy();
  });

  it('pages newest first by (created_at, id), 50 a page, without gaps or repeats', async () => {
    const tag = uniqueTag('page');
    const base = Date.parse('2026-06-01T00:00:00Z');
    // 57 customers; pairs share a creation time so the id decides between them.
    const made = [];
    for (let i = 0; i < 57; i++)
      made.push(await insertCustomer({ tags: [tag], createdAt: new Date(base + Math.floor(i / 2) * 1000) }));
    const expected = [...made]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id > x.id ? 1 : -1))
      .map((c) => c.id);
    const first = await listCustomers({ ctx: agent, input: { tag } });
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = await listCustomers({ ctx: agent, input: { tag, cursor: first.nextCursor } });
    expect(second.nextCursor).toBeNull();
    expect([...ids(first), ...ids(second)]).toEqual(expected);
  });

  it('is for staff who read customers: a customer, an admin and an anonymous caller are refused; bad input names the field', async () => {
    await expect(listCustomers({ ctx: customerCtx, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomers({ ctx: admin, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomers({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(listCustomers({ ctx: agent, input: { q: 'x'.repeat(101) } })).rejects.toMatchObject({
      fieldErrors: { q: ['too_long'] },
    });
    await expect(listCustomers({ ctx: agent, input: { tag: 'x'.repeat(31) } })).rejects.toMatchObject({
      fieldErrors: { tag: ['tag_too_long'] },
    });
  });
});

describe('getCustomerProfile', () => {
  it('shows masked contacts, channel ids, notes, latest orders, cases and feedback, and figures that match a raw computation', async () => {
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const email = `p-${randomUUID().slice(0, 8)}@example.com`;
    const name = `档案${randomUUID().slice(0, 6)}`;
    const customer = { name, phone, email };
    const delivered = await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer, status: 'delivered', trackingNo: 'SF1', carrier: '顺丰速运' }),
    });
    const delivered2 = await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer, status: 'delivered', trackingNo: 'SF2', carrier: '顺丰速运' }),
    });
    await createOrder({ ctx: agent, input: orderInput(sku, { customer, status: 'paid' }) });
    await createOrder({ ctx: agent, input: orderInput(sku, { customer, status: 'cancelled' }) });
    await createOrder({ ctx: agent, input: orderInput(sku, { customer, status: 'pending_payment' }) });
    const db = await getDb();
    const [o] = await db
      .select({ customerId: orders.customerId })
      .from(orders)
      .where(eq(orders.orderNo, delivered.orderNo));
    const id = o!.customerId;
    await db.update(orders).set({ refundedCents: 3_000 }).where(eq(orders.orderNo, delivered.orderNo));
    const { caseNo } = await createCase({
      ctx: agent,
      input: {
        orderNo: delivered.orderNo,
        type: 'return_refund',
        reason: 'no_reason',
        description: '不合适',
        items: [{ sku, quantity: 1 }],
      },
    });
    // The case page links its customer to this profile.
    expect((await getCase({ ctx: agent, input: { caseNo } })).history?.customerId).toBe(id);
    await db
      .insert(customerExternalIds)
      .values({ channel: 'jd', externalId: `jd-${randomUUID().slice(0, 8)}`, customerId: id });
    await db.insert(customerNotes).values([
      { customerId: id, authorLabel: 'A', body: '老客户', createdAt: new Date('2026-01-01T00:00:00Z') },
      { customerId: id, authorLabel: 'B', body: '喜欢顺丰', createdAt: new Date('2026-02-01T00:00:00Z') },
    ]);
    const [orderId] = (
      await db.select({ id: orders.id }).from(orders).where(eq(orders.orderNo, delivered2.orderNo))
    ).map((r) => r.id);
    await transaction(async (tx) => {
      for (const [kind, score, at] of [
        ['csat', 5, '2026-01-05'],
        ['csat', 2, '2026-02-05'],
        ['nps', 10, '2026-03-05'],
        ['nps', 6, '2026-04-05'],
        ['nps', 8, '2026-05-05'],
        ['review', 4, '2026-06-05'],
      ] as const) {
        const { id: fid } = await insertFeedback(tx, { kind, score, customerId: id, orderId, comment: '' });
        await tx.execute(sql`update feedback set created_at = ${`${at}T00:00:00Z`}::timestamptz where id = ${fid}`);
      }
      await insertFeedback(tx, { kind: 'complaint', customerId: id, comment: '物流太慢' });
    });

    const p = await getCustomerProfile({ ctx: agent, input: { id } });
    expect(p).toMatchObject({
      id,
      name,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      emailMasked: `p***@example.com`,
      hasAddress: true,
      hasPhone: true,
      tags: [],
      version: 1,
      hasAccount: false,
      feedbackTotal: 7,
    });
    expect(JSON.stringify(p)).not.toContain(phone);
    expect(JSON.stringify(p)).not.toContain(email);
    expect(p.externalIds).toHaveLength(1);
    expect(p.notes.map((n) => n.body)).toEqual(['喜欢顺丰', '老客户']);
    expect(p.orders).toHaveLength(5);
    expect(p.cases).toEqual([expect.objectContaining({ type: 'return_refund', orderNo: delivered.orderNo })]);
    expect(p.feedback.map((f) => f.kind)).toContain('review');
    expect(p.surveyAnswers.map((a) => `${a.kind}:${a.score}`)).toEqual([
      'csat:5',
      'csat:2',
      'nps:10',
      'nps:6',
      'nps:8',
    ]);

    // The same figures straight from SQL, as the reports define them.
    const [raw] = rowsOf<{ n: number; gmv: string; refunded: string; delivered: number; cases: number }>(
      await db.execute(sql`
        select count(*)::int as n, sum(total_cents) filter (where status not in ('cancelled', 'closed', 'pending_payment'))::text as gmv,
          sum(refunded_cents)::text as refunded, count(*) filter (where delivered_at is not null)::int as delivered,
          (select count(*)::int from cases where customer_id = ${id}) as cases
        from orders where customer_id = ${id} and deleted_at is null`),
    );
    expect(p.figures).toMatchObject({
      orders: raw!.n,
      gmvCents: Number(raw!.gmv),
      refundedCents: Number(raw!.refunded),
      deliveredOrders: raw!.delivered,
      casesOpened: raw!.cases,
      currency: 'CNY',
    });
    expect(p.figures).toMatchObject({
      orders: 5,
      gmvCents: 3 * 20_500,
      refundedCents: 3_000,
      deliveredOrders: 2,
      casesOpened: 1,
      afterSalesRate: 50,
    });
    expect(p.figures.csat).toEqual({ answered: 2, good: 1, percent: 50 });
    // NPS over 10, 6, 8: one promoter, one detractor of three.
    expect(p.figures.nps).toEqual({ answered: 3, promoters: 1, detractors: 1, score: 0 });
  });

  it('has no rate without deliveries, 404s an unknown id, and is refused to a customer and anonymous', async () => {
    const c = await insertCustomer();
    const p = await getCustomerProfile({ ctx: supervisor, input: { id: c.id } });
    expect(p.figures).toMatchObject({ orders: 0, afterSalesRate: null, csat: { percent: null }, nps: { score: null } });
    await expect(getCustomerProfile({ ctx: agent, input: { id: randomUUID() } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomerProfile({ ctx: agent, input: { id: 'nope' } })).rejects.toMatchObject({
      fieldErrors: { id: ['not_found'] },
    });
    await expect(getCustomerProfile({ ctx: customerCtx, input: { id: c.id } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCustomerProfile({ ctx: anonymousCtx(), input: { id: c.id } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});

describe('listCustomerOrders', () => {
  it('lists all of a customer’s live orders newest first in keyset pages', async () => {
    const phone = `135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push(
        (
          await createOrder({
            ctx: agent,
            input: orderInput(sku, { customer: { name: '分页', phone }, placedAt: `2026-0${i + 1}-01T00:00:00Z` }),
          })
        ).orderNo,
      );
    const db = await getDb();
    const [o] = await db.select({ customerId: orders.customerId }).from(orders).where(eq(orders.orderNo, made[0]!));
    const page = await listCustomerOrders({ ctx: agent, input: { id: o!.customerId } });
    expect(page.items.map((r) => r.orderNo)).toEqual([...made].reverse());
    expect(page.nextCursor).toBeNull();
    await expect(listCustomerOrders({ ctx: customerCtx, input: { id: o!.customerId } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listCustomerOrders({ ctx: agent, input: { id: randomUUID() } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('revealCustomerContact', () => {
  it('shows the full phone, e-mail and address to a supervisor, audited; an agent is refused and nothing is audited', async () => {
    const c = await insertCustomer({ email: 'reveal@example.com', address: '文三路 100 号' });
    await expect(revealCustomerContact({ ctx: agent, input: { id: c.id } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditFor(c.id)).toEqual([]);
    expect(await revealCustomerContact({ ctx: supervisor, input: { id: c.id } })).toEqual({
      phone: c.phone,
      email: 'reveal@example.com',
      address: '文三路 100 号',
    });
    expect((await auditFor(c.id)).map((e) => e.action)).toEqual(['customer.reveal_pii']);
    await expect(revealCustomerContact({ ctx: anonymousCtx(), input: { id: c.id } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(revealCustomerContact({ ctx: supervisor, input: { id: randomUUID() } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
