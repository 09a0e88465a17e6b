import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError } from '@/lib/errors';
import { createTestProduct, createTestUser, ctxFor } from '@/test/factories';
import { exportOrdersCsv } from './export';
import { importOrdersCsv, type ImportResult } from './import';

let supervisor: Ctx;
let sku: string;

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  sku = (await createTestProduct({ priceCents: 5000 })).sku;
});

async function runImport(ctx: Ctx, csv: string): Promise<ImportResult> {
  const gen = importOrdersCsv({ ctx, input: { fileName: 'test.csv', body: Readable.from([Buffer.from(csv)]) } });
  for (;;) {
    const step = await gen.next();
    if (step.done) return step.value;
  }
}

function csvFor(tag: string) {
  const header =
    'channel,external_id,placed_at,status,customer_name,customer_phone,sku,quantity,unit_price,shipping_fee,discount,total,carrier,tracking_no,address';
  return [
    header,
    // A two-line order: 2 × 50.00 + 1 × 19.90 (own price), no shipping → 119.90.
    `jd,${tag}-1,2026-11-01T10:00:00+08:00,paid,"李, 四",13800001111,${sku},2,,0,0,119.90,,,"北京市 朝阳区 建国路 1 号"`,
    `jd,${tag}-1,,,,,${sku},1,19.90,,,,,,`,
    // Unknown SKU.
    `jd,${tag}-2,,paid,王五,13800002222,NOPE,1,,,,,,,`,
    // Negative quantity on its second line.
    `jd,${tag}-3,,paid,赵六,13800003333,${sku},1,,,,,,,`,
    `jd,${tag}-3,,,,,${sku},-2,,,,,,,`,
    // Total does not add up.
    `tmall,${tag}-4,,paid,钱七,13800004444,${sku},1,,0,0,1.00,,,`,
    // Shipped without a tracking number.
    `tmall,${tag}-5,,shipped,孙八,13800005555,${sku},1,,,,,,,`,
    // Good single-line order, shipped.
    `tmall,${tag}-6,,shipped,周九,13800006666,${sku},3,,10.00,5.00,,顺丰速运,SF${tag.slice(0, 6)},`,
  ].join('\n');
}

describe('importOrdersCsv', () => {
  it('imports good orders, reports each bad row with its reason, and is idempotent', async () => {
    const tag = `IMP${randomUUID().slice(0, 8)}`;
    const first = await runImport(supervisor, csvFor(tag));
    expect(first).toMatchObject({ rows: 8, imported: 2, skipped: 0, rejected: 4 });
    expect(first.report.map((r) => [r.line, r.field, r.code])).toEqual([
      [4, 'sku', 'unknown_sku'],
      [6, 'quantity', 'invalid_quantity'],
      [7, 'total', 'amounts_mismatch'],
      [8, 'tracking_no', 'tracking_required'],
    ]);
    const db = await getDb();
    const rows = await db
      .select()
      .from(orders)
      .where(inArray(orders.externalId, [`${tag}-1`, `${tag}-6`]));
    expect(rows.map((r) => [r.externalId, Number(r.totalCents), r.status]).sort()).toEqual([
      [`${tag}-1`, 11_990, 'paid'],
      [`${tag}-6`, 15_500, 'shipped'],
    ]);
    expect(rows.find((r) => r.externalId === `${tag}-1`)!.placedAt.toISOString()).toBe('2026-11-01T02:00:00.000Z');

    const again = await runImport(supervisor, csvFor(tag));
    expect(again).toMatchObject({ imported: 0, skipped: 2, rejected: 4 });
    const after = await db
      .select({ id: orders.id })
      .from(orders)
      .where(inArray(orders.externalId, [`${tag}-1`, `${tag}-6`]));
    expect(after).toHaveLength(2);
  });

  it('refuses a file without the required columns, and malformed CSV, with clear codes', async () => {
    await expect(runImport(supervisor, 'foo,bar\n1,2')).rejects.toMatchObject({
      code: 'csv_missing_columns',
      params: { columns: 'channel, external_id, customer_name, sku, quantity' },
    });
    await expect(
      runImport(supervisor, `channel,external_id,customer_name,sku,quantity\njd,"unclosed,x,${sku},1`),
    ).rejects.toMatchObject({ code: 'csv_malformed' });
    await expect(runImport(supervisor, '')).rejects.toMatchObject({ code: 'csv_empty' });
  });

  it('is for those who may import: agents and customers are refused', async () => {
    for (const role of ['agent', 'customer'] as const) {
      const ctx = await ctxFor(await createTestUser({ role }));
      await expect(runImport(ctx, csvFor('X'))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('exportOrdersCsv', () => {
  it('writes one line per item with masked phones and no street address', async () => {
    const tag = `EXP${randomUUID().slice(0, 8)}`;
    await runImport(supervisor, csvFor(tag));
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    let csv = '';
    for await (const chunk of exportOrdersCsv({ ctx: agent, input: { q: sku, field: 'sku' } })) csv += chunk;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'order_no,channel,external_id,placed_at,status,customer_name,recipient_phone,region,sku,product,quantity,unit_price,line_total,shipping_fee,discount,total,refunded,carrier,tracking_no,currency',
    );
    const mine = lines.filter((l) => l.includes(`${tag}-1`));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toContain('138****1111');
    expect(csv).not.toContain('13800001111');
    expect(csv).not.toContain('建国路');
    expect(mine[0]).toContain('"李, 四"');
    expect(mine.some((l) => l.includes(',19.90,19.90,'))).toBe(true);
    expect(mine.every((l) => l.endsWith(',CNY'))).toBe(true);
  });

  it('is refused to customers', async () => {
    const ctx = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(exportOrdersCsv({ ctx, input: {} }).next()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
