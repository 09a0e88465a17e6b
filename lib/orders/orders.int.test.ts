import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, customers, orderEvents, orders } from '@/db/schema';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@/lib/errors';
import {
  anonymousCtx,
  auditFor,
  createTestProduct,
  createTestUser,
  ctxFor,
  orderInput,
  uniquePhone,
} from '@/test/factories';
import type { Ctx } from '@/lib/context';
import {
  bulkChangeOrderStatus,
  changeOrderStatus,
  createOrder,
  deleteOrder,
  purgeOrder,
  restoreOrder,
  updateOrder,
} from './mutations';
import { revealOrderContact } from './pii';
import { claimOrder } from './portal';
import { getOrder, listOrders } from './queries';

let sku: string;
let agent: Ctx;
let supervisor: Ctx;
let admin: Ctx;

beforeAll(async () => {
  sku = (await createTestProduct({ priceCents: 12_900 })).sku;
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
});

/** Audit events written under one request id: an order write always comes with one. */
async function auditCountFor(requestId: string) {
  const db = await getDb();
  return (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.requestId, requestId))).length;
}

describe('createOrder', () => {
  it('prices the order, encrypts contact details, records timeline and audit', async () => {
    const input = orderInput(sku);
    const { orderNo } = await createOrder({ ctx: agent, input });
    expect(orderNo).toMatch(/^SO\d{14,}$/);
    const db = await getDb();
    const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
    expect(row).toMatchObject({
      itemsTotalCents: 25_800,
      shippingCents: 1000,
      discountCents: 500,
      totalCents: 26_300,
      status: 'pending_payment',
    });
    const phone = input.customer.phone;
    expect(row!.recipientPhoneEnc).not.toContain(phone);
    expect(row!.recipientPhoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(row!.shippingAddressEnc).not.toContain('文三路');
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, row!.id));
    expect(events.map((e) => e.kind)).toEqual(['created']);
    const [audit] = await auditFor(orderNo);
    expect(audit?.action).toBe('order.create');
    expect(JSON.stringify(audit?.changes)).not.toContain(phone);
  });

  it('recognises a returning customer by phone', async () => {
    const phone = uniquePhone();
    const a = await createOrder({ ctx: agent, input: orderInput(sku, { customer: { name: 'A', phone } }) });
    const b = await createOrder({
      ctx: agent,
      input: orderInput(sku, { customer: { name: 'A again', phone: `+86 ${phone}` } }),
    });
    const db = await getDb();
    const rows = await db
      .select({ c: orders.customerId })
      .from(orders)
      .where(sql`${orders.orderNo} in (${a.orderNo}, ${b.orderNo})`);
    expect(new Set(rows.map((r) => r.c)).size).toBe(1);
  });

  it.each([
    ['an unknown SKU', { items: [{ sku: 'NOPE-404', quantity: 1 }] }, { 'items.0.sku': ['unknown_sku'] }],
    ['a negative quantity', { items: [{ sku: 'X', quantity: -1 }] }, { 'items.0.quantity': ['invalid_quantity'] }],
    ['no items', { items: [] }, { items: ['items_required'] }],
    ['a total that does not add up', { totalCents: 1 }, { totalCents: ['amounts_mismatch'] }],
    ['a discount above the order', { discountCents: 10_000_000 }, { discountCents: ['discount_exceeds_total'] }],
    ['over-long notes', { notes: 'x'.repeat(1001) }, { notes: ['too_long'] }],
    ['a bad phone', { customer: { name: 'A', phone: '12' } }, { 'customer.phone': ['invalid_phone'] }],
  ])('refuses %s with a specific field error and writes nothing', async (_label, patch, fieldErrors) => {
    // Counted by this request's id: other test files write orders on a shared database.
    const ctx = { ...agent, requestId: `test-${randomUUID()}` };
    await expect(createOrder({ ctx, input: orderInput(sku, patch) })).rejects.toMatchObject({ fieldErrors });
    expect(await auditCountFor(ctx.requestId)).toBe(0);
  });

  it('refuses a second order with the same channel order id', async () => {
    const externalId = `EXT-${randomUUID()}`;
    await createOrder({ ctx: agent, input: orderInput(sku, { externalId }) });
    await expect(createOrder({ ctx: agent, input: orderInput(sku, { externalId }) })).rejects.toMatchObject({
      fieldErrors: { externalId: ['duplicate_external_id'] },
    });
  });

  it('is refused to customers and anonymous callers', async () => {
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(createOrder({ ctx: customer, input: orderInput(sku) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createOrder({ ctx: anonymousCtx(), input: orderInput(sku) })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});

describe('reading orders', () => {
  it('finds orders by number, phone, tracking number, SKU and customer name', async () => {
    const phone = uniquePhone();
    const name = `搜索${randomUUID().slice(0, 4)}`;
    const tracking = `SF${Date.now()}`;
    const own = await createTestProduct();
    const { orderNo } = await createOrder({
      ctx: agent,
      input: orderInput(own.sku, {
        customer: { name, phone },
        status: 'shipped',
        trackingNo: tracking,
        carrier: '顺丰速运',
      }),
    });
    for (const [q, field] of [
      [orderNo.toLowerCase(), 'auto'],
      [phone, 'auto'],
      [phone, 'phone'],
      [tracking, 'auto'],
      [own.sku, 'auto'],
      [name, 'customer'],
    ] as const) {
      const page = await listOrders({ ctx: agent, input: { q, field } });
      expect(
        page.items.map((o) => o.orderNo),
        `${field}: ${q}`,
      ).toEqual([orderNo]);
    }
  });

  it('filters by status, channel and amount and pages without repeats', async () => {
    const own = await createTestProduct({ priceCents: 777 });
    for (let i = 0; i < 27; i++)
      await createOrder({
        ctx: agent,
        input: orderInput(own.sku, {
          channel: 'offline',
          shippingCents: 0,
          discountCents: 0,
          items: [{ sku: own.sku, quantity: 1 }],
        }),
      });
    const first = await listOrders({
      ctx: agent,
      input: { q: own.sku, field: 'sku', channel: 'offline', min: '7.77', max: '7.77' },
    });
    expect(first.items).toHaveLength(25);
    const second = await listOrders({
      ctx: agent,
      input: { q: own.sku, field: 'sku', channel: 'offline', min: '7.77', max: '7.77', cursor: first.nextCursor! },
    });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((o) => o.orderNo)).size).toBe(27);
    // The search box alone, newest first, is a prepared shape of its own: it pages the same.
    const plain = await listOrders({ ctx: agent, input: { q: own.sku, field: 'sku' } });
    const plainNext = await listOrders({ ctx: agent, input: { q: own.sku, field: 'sku', cursor: plain.nextCursor! } });
    expect([...plain.items, ...plainNext.items].map((o) => o.orderNo)).toEqual(
      [...first.items, ...second.items].map((o) => o.orderNo),
    );
    expect(plainNext.nextCursor).toBeNull();
    const none = await listOrders({ ctx: agent, input: { q: own.sku, field: 'sku', status: 'delivered' } });
    expect(none.items).toEqual([]);
    await expect(listOrders({ ctx: agent, input: { min: '9', max: '1' } })).rejects.toMatchObject({
      fieldErrors: { max: ['amount_range_inverted'] },
    });
    await expect(listOrders({ ctx: agent, input: { status: 'lost' } })).rejects.toBeInstanceOf(ValidationError);
  });

  it('shows a customer their own orders only; another customer’s order is not found', async () => {
    const aliceUser = await createTestUser({ role: 'customer' });
    const alice = await ctxFor(aliceUser);
    const bob = await ctxFor(await createTestUser({ role: 'customer' }));
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    const db = await getDb();
    const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
    await db.update(customers).set({ userId: aliceUser.id }).where(eq(customers.id, o!.c));

    const mine = await getOrder({ ctx: alice, input: { orderNo } });
    expect(mine.orderNo).toBe(orderNo);
    expect(mine.notes).toBeNull();
    expect((await listOrders({ ctx: alice, input: {} })).items.map((x) => x.orderNo)).toEqual([orderNo]);
    await expect(getOrder({ ctx: bob, input: { orderNo } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listOrders({ ctx: bob, input: {} })).items).toEqual([]);
    await expect(getOrder({ ctx: anonymousCtx(), input: { orderNo } })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('changing orders', () => {
  it('detects a concurrent edit', async () => {
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    const v1 = (await getOrder({ ctx: agent, input: { orderNo } })).version;
    await updateOrder({ ctx: agent, input: { orderNo, version: v1, notes: 'first agent', recipientName: '甲' } });
    await expect(
      updateOrder({ ctx: supervisor, input: { orderNo, version: v1, notes: 'second agent' } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getOrder({ ctx: agent, input: { orderNo } })).notes).toBe('first agent');
  });

  it('re-prices items before payment and locks them after', async () => {
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    const { version } = await updateOrder({
      ctx: agent,
      input: { orderNo, version: 1, items: [{ sku, quantity: 1 }], shippingCents: 0, discountCents: 0 },
    });
    expect((await getOrder({ ctx: agent, input: { orderNo } })).totalCents).toBe(12_900);
    const paid = await changeOrderStatus({ ctx: agent, input: { orderNo, version, to: 'paid' } });
    await expect(
      updateOrder({ ctx: agent, input: { orderNo, version: paid.version, items: [{ sku, quantity: 5 }] } }),
    ).rejects.toMatchObject({
      code: 'items_locked',
    });
  });

  it('follows the lifecycle, stamps times and explains refusals', async () => {
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    let v = (await changeOrderStatus({ ctx: agent, input: { orderNo, version: 1, to: 'paid', note: '已核实付款' } }))
      .version;
    await expect(
      changeOrderStatus({ ctx: agent, input: { orderNo, version: v, to: 'shipped' } }),
    ).rejects.toMatchObject({
      fieldErrors: { trackingNo: ['tracking_required'] },
    });
    await expect(
      changeOrderStatus({ ctx: agent, input: { orderNo, version: v, to: 'completed' } }),
    ).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    await expect(
      changeOrderStatus({ ctx: agent, input: { orderNo, version: v, to: 'refunded' } }),
    ).rejects.toMatchObject({
      code: 'refund_only_by_after_sales',
    });
    v = (
      await changeOrderStatus({
        ctx: agent,
        input: { orderNo, version: v, to: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1000' },
      })
    ).version;
    const detail = await getOrder({ ctx: agent, input: { orderNo } });
    expect(detail).toMatchObject({ status: 'shipped', trackingNo: 'SF1000', carrier: '顺丰速运', version: v });
    expect(detail.paidAt && detail.shippedAt).toBeTruthy();
    expect(detail.events.map((e) => e.toStatus)).toEqual(['shipped', 'paid', 'pending_payment']);
    expect(detail.events[1]?.note).toBe('已核实付款');
  });

  it('bulk changes each order it may and reports the rest', async () => {
    const a = await createOrder({ ctx: agent, input: orderInput(sku) });
    const b = await createOrder({ ctx: agent, input: orderInput(sku, { status: 'paid' }) });
    const results = await bulkChangeOrderStatus({
      ctx: agent,
      input: { orderNos: [a.orderNo, b.orderNo, 'SO-NOPE'], to: 'paid' },
    });
    expect(results).toEqual([
      { orderNo: a.orderNo, ok: true },
      { orderNo: b.orderNo, ok: false, code: 'same_status' },
      { orderNo: 'SO-NOPE', ok: false, code: 'not_found' },
    ]);
  });
});

describe('delete, restore and purge', () => {
  it('soft-deletes for agents; only admins restore or purge', async () => {
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    await deleteOrder({ ctx: agent, input: { orderNo, version: 1 } });
    await expect(getOrder({ ctx: agent, input: { orderNo } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreOrder({ ctx: agent, input: { orderNo } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(purgeOrder({ ctx: supervisor, input: { orderNo } })).rejects.toBeInstanceOf(ForbiddenError);
    const bin = await listOrders({ ctx: admin, input: { q: orderNo }, deleted: true });
    expect(bin.items.map((o) => o.orderNo)).toEqual([orderNo]);
    // The version taken is checked: a restore based on a stale view of the order is refused.
    await expect(restoreOrder({ ctx: admin, input: { orderNo, version: 1 } })).rejects.toBeInstanceOf(ConflictError);
    await restoreOrder({ ctx: admin, input: { orderNo, version: 2 } });
    expect((await getOrder({ ctx: agent, input: { orderNo } })).status).toBe('pending_payment');
    await deleteOrder({ ctx: agent, input: { orderNo } });
    await purgeOrder({ ctx: admin, input: { orderNo } });
    await expect(restoreOrder({ ctx: admin, input: { orderNo } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await auditFor(orderNo)).map((e) => e.action).sort()).toEqual([
      'order.create',
      'order.delete',
      'order.delete',
      'order.purge',
      'order.restore',
    ]);
  });

  it('never purges a live order', async () => {
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    await expect(purgeOrder({ ctx: admin, input: { orderNo } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('personal data', () => {
  it('reveals the full contact only with the permission, and audits each reveal', async () => {
    const input = orderInput(sku);
    const { orderNo } = await createOrder({ ctx: agent, input });
    await expect(revealOrderContact({ ctx: agent, input: { orderNo } })).rejects.toBeInstanceOf(ForbiddenError);
    const revealed = await revealOrderContact({ ctx: supervisor, input: { orderNo } });
    expect(revealed).toEqual({
      recipientPhone: input.customer.phone,
      shippingAddress: '文三路 100 号',
      customerPhone: input.customer.phone,
    });
    expect((await auditFor(orderNo)).map((e) => e.action)).toContain('order.reveal_pii');
  });
});

describe('claimOrder', () => {
  it('links an order to the customer who knows its phone, and refuses everyone else alike', async () => {
    const input = orderInput(sku);
    const { orderNo } = await createOrder({ ctx: agent, input });
    const alice = await ctxFor(await createTestUser({ role: 'customer' }));
    const mallory = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(claimOrder({ ctx: mallory, input: { orderNo, contact: '13000000000' } })).rejects.toMatchObject({
      code: 'claim_failed',
    });
    await expect(
      claimOrder({ ctx: mallory, input: { orderNo: 'SO000', contact: input.customer.phone } }),
    ).rejects.toMatchObject({ code: 'claim_failed' });
    await claimOrder({ ctx: alice, input: { orderNo, contact: input.customer.phone } });
    expect((await getOrder({ ctx: alice, input: { orderNo } })).orderNo).toBe(orderNo);
    // Once claimed, nobody else can take it over, even knowing the phone.
    await expect(
      claimOrder({ ctx: mallory, input: { orderNo, contact: input.customer.phone } }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(claimOrder({ ctx: agent, input: { orderNo, contact: input.customer.phone } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('realtime', () => {
  it('notifies listeners when an order changes, after commit', async () => {
    const { getDbHandle } = await import('@/db/client');
    const handle = await getDbHandle();
    const received: string[] = [];
    const stop = await handle.listen('afterdesk_events', (p) => received.push(p));
    const { orderNo } = await createOrder({ ctx: agent, input: orderInput(sku) });
    await changeOrderStatus({ ctx: agent, input: { orderNo, version: 1, to: 'paid' } });
    await expect.poll(() => received.filter((p) => p.includes(orderNo)).length, { timeout: 5000 }).toBe(2);
    const last = JSON.parse(received.filter((p) => p.includes(orderNo)).at(-1)!);
    expect(last).toMatchObject({ type: 'order', orderNo, status: 'paid', version: 2 });
    await stop();
  });
});
