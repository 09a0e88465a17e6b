import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { channels, orders } from '@/db/schema';
import { getDashboard } from '@/lib/analytics/dashboard';
import { refreshRollups } from '@/lib/analytics/rollup';
import { importReviewsCsv } from '@/lib/feedback/import-reviews';
import { feedbackStats } from '@/lib/feedback/stats';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { createTestUser, ctxFor } from '@/test/factories';
import { importOrdersCsv, type ImportResult } from './import';

/**
 * A year of a shop's order history (test/fixtures/history-orders.csv, written by
 * scripts/make-history-fixture.ts: 602 orders on 1,083 lines, two of them bad) goes in through the
 * history import; the reports must then show exactly what an independent computation on the file
 * says, month by month.
 */
const FIXTURE = path.join(process.cwd(), 'test', 'fixtures', 'history-orders.csv');
const REVIEWS = path.join(process.cwd(), 'test', 'fixtures', 'history-reviews.csv');
const CHANNEL = 'hist_fixture';
const TZ = 'Asia/Shanghai';
const SOLD = new Set(['paid', 'shipped', 'delivered', 'completed']);
/** The fixture's products (created by the import from product_name), by SKU. */
const HF_NAMES: Record<string, string> = {
  'HF-PHONE': '历史测试手机',
  'HF-BUDS': '历史测试耳机',
  'HF-KETTLE': '历史测试电水壶',
  'HF-TEE': '历史测试 T 恤',
  'HF-PILLOW': '历史测试枕头',
  'HF-SERUM': '历史测试精华',
  'HF-NOVEL': '历史测试小说',
  'HF-BLOCKS': '历史测试积木',
};

let supervisor: Ctx;

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  const db = await getDb();
  await db
    .insert(channels)
    .values({ code: CHANNEL, nameZh: '历史导入测试', nameEn: 'History fixture' })
    .onConflictDoNothing();
});

async function runImport(csv: Buffer, options: { history?: boolean; createProducts?: boolean }): Promise<ImportResult> {
  const gen = importOrdersCsv({
    ctx: supervisor,
    input: { fileName: 'history.csv', body: Readable.from([csv]), options },
  });
  for (;;) {
    const step = await gen.next();
    if (step.done) return step.value;
  }
}

const monthOf = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' })
    .format(new Date(iso))
    .slice(0, 7);
const cents = (yuan: string) => Math.round(Number(yuan) * 100);

type Month = { orders: number; sold: number; gmv: number; delivered: number; byStatus: Record<string, number> };

/** The expected report figures, computed from the CSV alone (no database, no app code). */
function expectedFrom(csv: Buffer, rejected: Set<string>): Map<string, Month> {
  const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  const byOrder = new Map<string, Record<string, string>[]>();
  for (const r of rows) byOrder.set(r.external_id!, [...(byOrder.get(r.external_id!) ?? []), r]);
  const months = new Map<string, Month>();
  const month = (m: string) =>
    months.get(m) ?? (months.set(m, { orders: 0, sold: 0, gmv: 0, delivered: 0, byStatus: {} }), months.get(m)!);
  for (const [id, lines] of byOrder) {
    if (rejected.has(id)) continue;
    const first = lines[0]!;
    const total =
      lines.reduce((s, l) => s + cents(l.unit_price!) * Number(l.quantity), 0) +
      cents(first.shipping_fee || '0') -
      cents(first.discount || '0');
    const m = month(monthOf(first.placed_at!));
    m.orders++;
    m.byStatus[first.status!] = (m.byStatus[first.status!] ?? 0) + 1;
    if (SOLD.has(first.status!)) {
      m.sold++;
      m.gmv += total;
    }
    if (first.delivered_at) month(monthOf(first.delivered_at)).delivered++;
  }
  return months;
}

describe('history import', () => {
  it('brings in a year of orders whose report figures equal a computation on the file, and is idempotent', async () => {
    const csv = readFileSync(FIXTURE);
    const first = await runImport(csv, { history: true, createProducts: true });
    expect(first).toMatchObject({ rows: 1083, imported: 600, rejected: 2 });
    // The two bad orders are named by line, order and CSV column, with a specific reason.
    expect(first.report.map((r) => [r.externalId, r.field, r.code])).toEqual([
      ['HF-00301', 'delivered_at', 'time_before_shipped'],
      ['HF-00302', 'currency', 'currency_mismatch'],
    ]);

    // The import asked the rollup job to recompute the days it touched; run it as the runner would.
    await refreshRollups({ waitForOthers: true });
    const expected = expectedFrom(csv, new Set(['HF-00301', 'HF-00302']));
    expect([...expected.values()].reduce((s, m) => s + m.orders, 0)).toBe(600);
    for (const [m, want] of [...expected].sort()) {
      const [y, mo] = m.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const d = await getDashboard({
        ctx: supervisor,
        input: { from: `${m}-01`, to: `${m}-${String(last).padStart(2, '0')}`, channel: CHANNEL },
      });
      expect({
        month: m,
        orders: d.orders.current.orders,
        sold: d.orders.current.soldOrders,
        gmv: d.orders.current.gmvCents,
      }).toEqual({ month: m, orders: want.orders, sold: want.sold, gmv: want.gmv });
      expect(d.orders.current.aovCents).toBe(want.sold ? Math.round(want.gmv / want.sold) : null);
      expect(Object.fromEntries((d.orders.byStatus ?? []).map((s) => [s.status, s.orders]))).toEqual(want.byStatus);
      // Deliveries count on the month they were delivered, which is often not the month of the order.
      expect({ month: m, delivered: d.afterSales.current.delivered }).toEqual({ month: m, delivered: want.delivered });
    }

    // History orders: lifecycle times from the file, no tracking number needed, no survey ever.
    const db = await getDb();
    const [o] = await db.select().from(orders).where(eq(orders.externalId, 'HF-00001'));
    expect(o).toMatchObject({ status: 'completed', history: true, trackingNo: null, currency: 'CNY' });
    expect(o!.deliveredAt!.toISOString()).toBe('2025-11-01T17:00:00.000Z');
    expect(o!.completedAt!.toISOString()).toBe('2025-11-08T17:00:00.000Z');
    // Repeat buyers are one customer each: by phone, or by their buyer id in the channel.
    const [c] = rowsOf<{ customers: number }>(
      await db.execute(
        sql`select count(distinct customer_id)::int as customers from orders where channel = ${CHANNEL}`,
      ),
    );
    expect(c!.customers).toBeLessThanOrEqual(150);

    const again = await runImport(csv, { history: true, createProducts: true });
    expect(again).toMatchObject({ imported: 0, skipped: 600, rejected: 2 });

    // Then the reviews of those orders: the star distribution of each period equals the file's.
    const reviewsCsv = readFileSync(REVIEWS);
    const reviewRows = parse(reviewsCsv, { columns: true, bom: true }) as Record<string, string>[];
    const gen = importReviewsCsv({
      ctx: supervisor,
      input: { fileName: 'reviews.csv', body: Readable.from([reviewsCsv]), options: {} },
    });
    let step = await gen.next();
    while (!step.done) step = await gen.next();
    expect(step.value).toMatchObject({ rows: reviewRows.length, imported: reviewRows.length, rejected: 0 });
    await refreshRollups({ waitForOthers: true });
    for (const period of [
      { from: '2025-01-01', to: '2025-06-30' },
      { from: '2025-07-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-01-31' },
    ]) {
      const want = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<number, number>;
      const perSku = new Map<string, number>();
      for (const r of reviewRows) {
        const d = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(r.reviewed_at!));
        if (d < period.from || d > period.to) continue;
        want[Number(r.score)]!++;
        perSku.set(r.sku!, (perSku.get(r.sku!) ?? 0) + 1);
      }
      const stats = await feedbackStats({ ctx: supervisor, input: period });
      expect({ period, counts: stats.current.reviews.counts }).toEqual({ period, counts: want });
      const names = new Map(stats.reviewProducts.map((p) => [p.name, p.reviews]));
      for (const [sku, n] of perSku) expect({ sku, n: names.get(HF_NAMES[sku]!) }).toEqual({ sku, n });
    }
  }, 240_000);

  it('refuses, outside history mode, shipped orders without a tracking number and unknown SKUs', async () => {
    const csv = Buffer.from(
      [
        'channel,external_id,placed_at,status,customer_name,sku,product_name,category,quantity,unit_price,delivered_at',
        `${CHANNEL},HX-1,2025-03-01T10:00:00+08:00,delivered,甲,HF-PHONE,,,1,10.00,2025-03-03T10:00:00+08:00`,
        `${CHANNEL},HX-2,2025-03-01T10:00:00+08:00,paid,乙,HF-NEW-SKU,新商品,toys,1,10.00,`,
      ].join('\n'),
    );
    const r = await runImport(csv, {});
    expect(r).toMatchObject({ imported: 0, rejected: 2 });
    expect(r.report.map((x) => [x.externalId, x.field, x.code])).toEqual([
      ['HX-1', 'tracking_no', 'tracking_required'],
      ['HX-2', 'sku', 'unknown_sku'],
    ]);
  });

  it('checks lifecycle times: order, the future, and steps the status has not reached', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const csv = Buffer.from(
      [
        'channel,external_id,placed_at,status,customer_name,sku,product_name,category,quantity,unit_price,paid_at,shipped_at,delivered_at',
        `${CHANNEL},HT-1,2025-03-01T10:00:00+08:00,delivered,甲,HF-PHONE,,,1,10.00,2025-03-01T09:00:00+08:00,,`,
        `${CHANNEL},HT-2,2025-03-01T10:00:00+08:00,delivered,乙,HF-PHONE,,,1,10.00,,2025-03-02T10:00:00+08:00,2025-03-01T12:00:00+08:00`,
        `${CHANNEL},HT-3,2025-03-01T10:00:00+08:00,paid,丙,HF-PHONE,,,1,10.00,,,2025-03-03T10:00:00+08:00`,
        `${CHANNEL},HT-4,${future},paid,丁,HF-PHONE,,,1,10.00,,,`,
        `${CHANNEL},HT-5,2025-03-01T10:00:00+08:00,delivered,戊,NO-SUCH,,,1,10.00,,,`,
        `${CHANNEL},HT-6,2025-03-01T10:00:00+08:00,delivered,己,NO-SUCH-2,某商品,no_such_category,1,10.00,,,`,
      ].join('\n'),
    );
    const r = await runImport(csv, { history: true, createProducts: true });
    expect(r).toMatchObject({ imported: 0, rejected: 6 });
    expect(r.report.map((x) => [x.externalId, x.field, x.code])).toEqual([
      ['HT-1', 'paid_at', 'time_before_placed'],
      ['HT-2', 'delivered_at', 'time_before_shipped'],
      ['HT-3', 'delivered_at', 'time_not_reached'],
      ['HT-4', 'placed_at', 'time_in_future'],
      ['HT-5', 'product_name', 'required_for_new_product'],
      ['HT-5', 'category', 'required_for_new_product'],
      ['HT-6', 'category', 'unknown_category'],
    ]);
    const db = await getDb();
    const [n] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from orders where external_id like 'HT-%'`),
    );
    expect(n!.n).toBe(0);
  });

  it('is refused to agents and anonymous callers', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    const gen = importOrdersCsv({
      ctx: agent,
      input: { fileName: 'x.csv', body: Readable.from([Buffer.from('channel\n')]), options: { history: true } },
    });
    await expect(gen.next()).rejects.toBeInstanceOf(ForbiddenError);
    const anon = importOrdersCsv({
      ctx: { actor: null, ip: null, requestId: null },
      input: { fileName: 'x.csv', body: Readable.from([Buffer.from('channel\n')]) },
    });
    await expect(anon.next()).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
