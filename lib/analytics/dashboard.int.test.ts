import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { cases, orders, products } from '@/db/schema';
import { applyCaseAction, createCase } from '@/lib/cases/mutations';
import { listCases } from '@/lib/cases/queries';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { deleteOrder } from '@/lib/orders/mutations';
import {
  anonymousCtx,
  createTestProduct,
  createTestUser,
  ctxFor,
  ensureTestCategory,
  orderOfNewCustomer,
} from '@/test/factories';
import { getDashboard, getRepeatCustomers } from './dashboard';
import { refreshRollups } from './rollup';

/**
 * Every dashboard figure against an independent aggregate of the raw rows. The data lives on days
 * of a year no other test uses (1700–1899, chosen per run), reached by moving timestamps after the
 * verbs wrote them — the rollup triggers see those moves like any other change.
 */
const year = 1700 + Math.floor(Math.random() * 200);
const day = (d: number) => `${year}-05-${String(d).padStart(2, '0')}`;
const at = (d: number, hour: number) => `${day(d)} ${String(hour).padStart(2, '0')}:15:00`;
const TZ = 'Asia/Shanghai';
const cur = { from: day(10), to: day(16) };
const category = `cat-${randomUUID().slice(0, 8)}`;

let agent: Ctx;
let agentId: string;
let supervisor: Ctx;
let sku: string;
const caseNos: string[] = [];
const orderNos: string[] = [];

/** Moves a row's timestamps to shop-local times on the test's days. */
async function place(table: 'orders' | 'cases', id: number, times: Record<string, string | null>) {
  const db = await getDb();
  const sets = Object.entries(times).map(([col, v]) =>
    v === null
      ? sql`${sql.identifier(col)} = null`
      : sql`${sql.identifier(col)} = (${v}::timestamp at time zone ${TZ})`,
  );
  await db.execute(sql`update ${sql.identifier(table)} set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

async function caseRow(caseNo: string) {
  const db = await getDb();
  return (await db.select().from(cases).where(eq(cases.caseNo, caseNo)))[0]!;
}

async function act(ctx: Ctx, caseNo: string, action: string, extra: Record<string, unknown> = {}) {
  const row = await caseRow(caseNo);
  await applyCaseAction({ ctx, input: { caseNo, version: row.version, action, ...extra } });
}

beforeAll(async () => {
  const a = await createTestUser({ role: 'agent' });
  agentId = a.id;
  agent = await ctxFor(a);
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  sku = (await createTestProduct({ priceCents: 20_000, category })).sku;
  const db = await getDb();

  // Five delivered orders on two channels, on days 3–14; cases on four of them.
  const plan = [
    { channel: 'tmall', placed: 3, delivered: 6 },
    { channel: 'tmall', placed: 10, delivered: 12 },
    { channel: 'jd', placed: 11, delivered: 13 },
    { channel: 'jd', placed: 12, delivered: 14 },
    { channel: 'tmall', placed: 14, delivered: null },
  ];
  for (const p of plan) {
    const o = await orderOfNewCustomer(agent, sku, { channel: p.channel });
    orderNos.push(o.orderNo);
  }
  // Orders move to their days after the cases are opened: the return policy judges real dates.
  const open = async (i: number, type: string, reason: string, items: boolean) => {
    const o = orderNos[i]!;
    const [row] = await db.select({ customerId: orders.customerId }).from(orders).where(eq(orders.orderNo, o));
    const owner = rowsOf<{ user_id: string }>(
      await db.execute(sql`select user_id from customers where id = ${row!.customerId}`),
    )[0]!.user_id;
    const { caseNo } = await createCase({
      ctx: await ctxFor({ id: owner }),
      input: { orderNo: o, type, reason, description: 'dashboard test', items: items ? [{ sku, quantity: 1 }] : [] },
    });
    await db.update(cases).set({ assigneeId: agentId }).where(eq(cases.caseNo, caseNo));
    caseNos.push(caseNo);
    return caseNo;
  };
  // A refunded return (previous period), a refunded refund-only, a resolved complaint, an open one, a cancelled one.
  const c0 = await open(0, 'refund_only', 'quality_issue', true);
  await act(agent, c0, 'approve');
  await act(agent, c0, 'start_refund');
  await act(agent, c0, 'confirm_refund');
  await place('cases', (await caseRow(c0)).id, {
    created_at: at(7, 9),
    first_responded_at: at(7, 10),
    decided_at: at(7, 10),
    completed_at: at(8, 12),
  });

  const c1 = await open(1, 'refund_only', 'damaged_in_transit', true);
  await act(agent, c1, 'approve');
  await act(agent, c1, 'start_refund');
  await act(agent, c1, 'confirm_refund');
  await place('cases', (await caseRow(c1)).id, {
    created_at: at(12, 20),
    first_responded_at: at(12, 21),
    decided_at: at(13, 9),
    completed_at: at(15, 18),
  });

  const c2 = await open(2, 'complaint', 'other', false);
  await act(agent, c2, 'resolve');
  await place('cases', (await caseRow(c2)).id, {
    created_at: at(13, 8),
    first_responded_at: at(13, 23),
    completed_at: at(16, 23),
    resolution_due_at: at(14, 8),
  });

  const c3 = await open(3, 'refund_only', 'quality_issue', true);
  await place('cases', (await caseRow(c3)).id, { created_at: at(14, 10) });

  const c4 = await open(2, 'complaint', 'other', false);
  await act(agent, c4, 'cancel');
  await place('cases', (await caseRow(c4)).id, { created_at: at(15, 10), closed_at: at(16, 10) });
  for (const [i, p] of plan.entries()) {
    const [row] = await db.select({ id: orders.id }).from(orders).where(eq(orders.orderNo, orderNos[i]!));
    await place('orders', row!.id, {
      placed_at: at(p.placed, 10),
      paid_at: at(p.placed, 11),
      delivered_at: p.delivered ? at(p.delivered, 9) : null,
    });
  }
  await refreshRollups({ waitForOthers: true });
});

type Filters = { channel?: string; category?: string; teamId?: string };

/** The same figures from the raw tables, for the period and filters given. */
async function raw(p: { from: string; to: string }, f: Filters = {}) {
  const db = await getDb();
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
  const inP = (col: ReturnType<typeof sql>) =>
    sql`${col} >= (${p.from}::date)::timestamp at time zone ${TZ} and ${col} < (${p.to}::date + 1)::timestamp at time zone ${TZ}`;
  const ch = f.channel ? sql`o.channel = ${f.channel}` : sql`true`;
  const mainCategory = sql`coalesce((select pr.category from case_items ci join order_items oi on oi.id = ci.order_item_id join products pr on pr.id = oi.product_id where ci.case_id = c.id order by ci.id limit 1), '')`;
  const cat = sql`${f.category ? sql`${mainCategory} = ${f.category}` : sql`true`} and ${f.teamId ? sql`c.team_id = ${f.teamId}` : sql`true`}`;
  const [ordersRow] = await q<{ orders: number; sold: number; gmv: string }>(sql`
    select count(*)::int as orders, count(*) filter (where status not in ('cancelled','closed','pending_payment'))::int as sold,
      coalesce(sum(total_cents) filter (where status not in ('cancelled','closed','pending_payment')), 0) as gmv
    from orders o where ${inP(sql`o.placed_at`)} and o.deleted_at is null and ${ch}`);
  const [casesRow] = await q<{
    opened: number;
    resolved: number;
    refund: string;
    fr_n: number;
    res_met: number;
    dec_n: number;
  }>(sql`
    select count(*) filter (where ${inP(sql`c.created_at`)})::int as opened,
      count(*) filter (where ${inP(sql`c.completed_at`)})::int as resolved,
      coalesce(sum(c.refund_cents) filter (where ${inP(sql`c.created_at`)}), 0) as refund,
      count(*) filter (where ${inP(sql`c.first_responded_at`)})::int as fr_n,
      count(*) filter (where ${inP(sql`c.completed_at`)} and (c.resolution_due_at is null or c.completed_at <= c.resolution_due_at))::int as res_met,
      count(*) filter (where ${inP(sql`c.decided_at`)})::int as dec_n
    from cases c join orders o on o.id = c.order_id where ${ch} and ${cat}`);
  const [delivered] = await q<{ n: number }>(
    sql`select count(*)::int as n from orders o where ${inP(sql`o.delivered_at`)} and o.deleted_at is null and ${ch}`,
  );
  const [backlog] = await q<{ n: number }>(sql`
    select count(*)::int as n from cases c join orders o on o.id = c.order_id
    where c.created_at < (${p.to}::date + 1)::timestamp at time zone ${TZ} and ${ch} and ${cat}
      and not coalesce(coalesce(c.completed_at, case when c.status = 'cancelled' then c.closed_at end) < (${p.to}::date + 1)::timestamp at time zone ${TZ}, false)`);
  // A team filter keeps the team's members (whatever team the cases went to), as the dashboard does.
  const agents = await q<{ id: string; resolved: number }>(sql`
    select assignee_id::text as id, count(*)::int as resolved from cases c where ${inP(sql`c.completed_at`)} and assignee_id is not null
      and ${f.teamId ? sql`assignee_id in (select user_id from team_members where team_id = ${f.teamId})` : sql`true`} group by 1`);
  // Open now, by whole shop days since creation (0, 1–2, 3–6, 7–13, 14 and more).
  const [age] = await q<{ d1: number; d3: number; d7: number; d14: number; older: number }>(sql`
    select count(*) filter (where a < 1)::int as d1, count(*) filter (where a between 1 and 2)::int as d3, count(*) filter (where a between 3 and 6)::int as d7,
      count(*) filter (where a between 7 and 13)::int as d14, count(*) filter (where a >= 14)::int as older
    from (select (now() at time zone ${TZ})::date - (c.created_at at time zone ${TZ})::date as a from cases c join orders o on o.id = c.order_id
      where c.status not in ('closed', 'cancelled') and c.completed_at is null and ${ch} and ${cat}) x`);
  const repeat = await q<{ id: string; n: number }>(sql`
    select c.customer_id::text as id, count(*)::int as n from cases c join orders o on o.id = c.order_id
    where ${inP(sql`c.created_at`)} and ${ch} and ${cat} group by 1 having count(*) >= 2 order by 2 desc, 1`);
  return {
    orders: ordersRow!,
    cases: casesRow!,
    delivered: delivered!.n,
    backlog: backlog!.n,
    agents,
    age: age!,
    repeat,
  };
}

async function expectMatchesRaw(f: Filters = {}) {
  const d = await getDashboard({ ctx: supervisor, input: { ...cur, ...f } });
  const r = await raw(cur, f);
  // Open cases by age count everything open anywhere: compared only where this test's category isolates its own.
  if (f.category)
    expect(Object.fromEntries(d.backlogAge.map((b) => [b.bucket, b.n]))).toEqual({
      '<1d': r.age.d1,
      '1-3d': r.age.d3,
      '3-7d': r.age.d7,
      '7-14d': r.age.d14,
      '>14d': r.age.older,
    });
  const repeat = await getRepeatCustomers({ ctx: supervisor, input: { ...cur, ...f } });
  expect(repeat.map((c) => [c.customerId, c.cases])).toEqual(r.repeat.map((c) => [c.id, c.n]));
  if (!f.category && !f.teamId) {
    expect(d.orders.current).toMatchObject({
      orders: r.orders.orders,
      soldOrders: r.orders.sold,
      gmvCents: Number(r.orders.gmv),
    });
    expect(d.afterSales.current.delivered).toBe(r.delivered);
  }
  expect(d.afterSales.current).toMatchObject({
    opened: r.cases.opened,
    resolved: r.cases.resolved,
    refundCents: Number(r.cases.refund),
  });
  expect(d.afterSales.current.sla.firstResponse.total).toBe(r.cases.fr_n);
  expect(d.afterSales.current.sla.decision.total).toBe(r.cases.dec_n);
  expect(d.afterSales.current.sla.resolution.met).toBe(r.cases.res_met);
  expect(d.afterSales.backlog).toBe(r.backlog);
  const mine = d.agents.find((a) => a.agentId === agentId);
  expect(mine?.resolved ?? 0).toBe(r.agents.find((a) => a.id === agentId)?.resolved ?? 0);
  return d;
}

describe('the dashboard', () => {
  it('matches raw aggregates for the period, per filter', async () => {
    const d = await expectMatchesRaw();
    // Hand check of the shape: 4 orders placed in the period, 3 delivered, 4 cases opened.
    expect(d.orders.current.orders).toBe(4);
    expect(d.afterSales.current).toMatchObject({ opened: 4, resolved: 2, delivered: 3 });
    expect(d.afterSales.current.rate).toBeCloseTo((4 / 3) * 100, 5);
    expect(d.afterSales.previous).toMatchObject({ opened: 1, resolved: 1, delivered: 1 });
    expect(d.afterSales.current.sla.resolution).toMatchObject({ total: 2, met: 1 });
    expect(d.orders.byChannel.map((c) => c.channel).sort()).toEqual(['jd', 'tmall']);
    expect(d.afterSales.byReason.find((r) => r.reason === 'quality_issue')).toMatchObject({ opened: 1, previous: 1 });
    expect(d.afterSales.byProduct[0]).toMatchObject({
      category,
      opened: 2,
      delivered: 3,
      topReasons: ['damaged_in_transit', 'quality_issue'],
    });
    await expectMatchesRaw({ channel: 'jd' });
    await expectMatchesRaw({ channel: 'tmall' });
    const byCategory = await expectMatchesRaw({ category });
    expect(byCategory.orders.current.orders).toBe(4);
    expect(byCategory.orders.byStatus).toBeNull();
    expect(byCategory.backlogAge.find((b) => b.bucket === '>14d')?.n).toBe(1);
    // Two filters at once read the fine rollup instead of a slice: the same answers.
    await expectMatchesRaw({ channel: 'jd', category });
    await expectMatchesRaw({ category, teamId: (await caseRow(caseNos[3]!)).teamId ?? undefined });
  });

  it('follows deletions, refunds and reassignments once the rollups catch up', async () => {
    const db = await getDb();
    const [o] = await db.select().from(orders).where(eq(orders.orderNo, orderNos[4]!));
    await deleteOrder({ ctx: agent, input: { orderNo: o!.orderNo, version: o!.version } });
    await db.update(cases).set({ refundCents: 1234 }).where(eq(cases.caseNo, caseNos[1]!));
    await db.update(cases).set({ assigneeId: null }).where(eq(cases.caseNo, caseNos[2]!));
    await refreshRollups({ waitForOthers: true });
    const d = await expectMatchesRaw();
    expect(d.orders.current.orders).toBe(3);
    expect(d.afterSales.current.refundCents).toBe(1234);
    expect(d.agents.find((a) => a.agentId === agentId)?.resolved).toBe(1);
  });

  it('keeps the report columns of cases in step with their order, items and product', async () => {
    const db = await getDb();
    const c1 = await caseRow(caseNos[1]!);
    expect(c1).toMatchObject({ orderChannel: 'tmall', mainCategory: category });
    expect(c1.mainProductId).not.toBeNull();
    expect((await caseRow(caseNos[2]!)).mainCategory).toBe('');
    await db.update(orders).set({ channel: 'douyin' }).where(eq(orders.id, c1.orderId));
    expect((await caseRow(caseNos[1]!)).orderChannel).toBe('douyin');
    const renamed = `${category}-x`;
    await ensureTestCategory(renamed);
    await db.update(products).set({ category: renamed }).where(eq(products.id, c1.mainProductId!));
    expect((await caseRow(caseNos[1]!)).mainCategory).toBe(renamed);
    await refreshRollups({ waitForOthers: true });
    const d = await getDashboard({ ctx: supervisor, input: { ...cur, category: renamed } });
    expect(d.afterSales.current.opened).toBe(2);
    await db.update(products).set({ category }).where(eq(products.id, c1.mainProductId!));
    await db.update(orders).set({ channel: 'tmall' }).where(eq(orders.id, c1.orderId));
    await refreshRollups({ waitForOthers: true });
    await expectMatchesRaw({ channel: 'tmall' });
  });

  it('drills down to the matching cases, closed ones included', async () => {
    const list = async (input: Record<string, unknown>) =>
      (await listCases({ ctx: supervisor, input: { ...input, from: cur.from, to: cur.to } })).items
        .map((c) => c.caseNo)
        .filter((n) => caseNos.includes(n))
        .sort();
    expect(await list({})).toEqual([caseNos[1], caseNos[2], caseNos[3], caseNos[4]].sort());
    expect(await list({ reason: 'quality_issue' })).toEqual([caseNos[3]]);
    expect(await list({ channel: 'jd' })).toEqual([caseNos[2], caseNos[3], caseNos[4]].sort());
    expect(await list({ category })).toEqual([caseNos[1], caseNos[3]].sort());
    // A malformed value is ignored; a well-formed channel code of no channel (or a retired one with no cases) matches nothing.
    expect(await list({ reason: 'made-up', channel: 'No Where!' })).toEqual(
      [caseNos[1], caseNos[2], caseNos[3], caseNos[4]].sort(),
    );
    expect(await list({ channel: 'nowhere' })).toEqual([]);
  });

  it('refuses a bad period or filter with a field message, and callers without the permission', async () => {
    await expect(getDashboard({ ctx: supervisor, input: { from: day(16), to: day(10) } })).rejects.toMatchObject({
      fieldErrors: { to: ['date_range_inverted'] },
    });
    await expect(
      getDashboard({ ctx: supervisor, input: { from: '1700-01-01', to: '1800-01-01' } }),
    ).rejects.toMatchObject({ fieldErrors: { from: ['period_too_long'] } });
    await expect(getDashboard({ ctx: supervisor, input: { ...cur, channel: 'E-Bay' } })).rejects.toMatchObject({
      fieldErrors: { channel: ['invalid_choice'] },
    });
    // Channels are records (#12): a code of no channel is an empty result, like a category nobody sells.
    const noChannel = await getDashboard({ ctx: supervisor, input: { ...cur, channel: 'ebay' } });
    expect(noChannel.orders.current.orders).toBe(0);
    await expect(getDashboard({ ctx: supervisor, input: { ...cur, teamId: 'x' } })).rejects.toMatchObject({
      fieldErrors: { teamId: ['invalid_choice'] },
    });
    // A category nobody sells is an empty result, not an error.
    const none = await getDashboard({ ctx: supervisor, input: { ...cur, category: 'no-such-category' } });
    expect(none.afterSales.current.opened).toBe(0);
    await expect(getDashboard({ ctx: agent, input: cur })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getDashboard({ ctx: anonymousCtx(), input: cur })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
