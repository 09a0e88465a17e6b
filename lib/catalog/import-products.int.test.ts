import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, importJobs } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import type { ImportResult } from '@/lib/imports/types';
import { anonymousCtx, auditFor, createTestUser, ctxFor, ensureTestCategory } from '@/test/factories';
import { exportProductsCsv } from './export-products';
import { importProductsCsv } from './import-products';
import { getProduct } from './products';

let supervisor: Ctx;
let admin: Ctx;
const tag = randomUUID().slice(0, 8).toUpperCase();
const category = `imp-${tag.toLowerCase()}`;
const HEADER = 'sku,name,name_en,category,price,returnable,non_returnable_reason,warranty_days,active';

async function runImport(ctx: Ctx, csv: string): Promise<ImportResult> {
  const gen = importProductsCsv({
    ctx,
    input: { fileName: 'products.csv', body: Readable.from([Buffer.from(csv)]), options: {} },
  });
  for (;;) {
    const step = await gen.next();
    if (step.done) return step.value;
  }
}

async function exportCsv(ctx: Ctx, input: Record<string, string>): Promise<string> {
  let csv = '';
  for await (const chunk of exportProductsCsv({ ctx, input })) csv += chunk;
  return csv;
}

const s = (label: string) => `I${tag}-${label}`;

function file() {
  return [
    HEADER,
    // 2: a new returnable product.
    `${s('a')},无线鼠标,Wireless mouse,${category},99.00,true,,365,true`,
    // 3: a new non-returnable one, in Chinese yes/no and a yuan amount with a thousands separator.
    `${s('b')},"鲜花, 一束","Flowers, ""fresh""",${category},"1,299.5",否,perishable,0,是`,
    // 4: a new SKU without a price.
    `${s('c')},没有价格,,${category},,,,,`,
    // 5: an unknown category.
    `${s('d')},未知品类,,no-such-category,10,,,,`,
    // 6: returnable that is not a yes/no, and a warranty out of range.
    `${s('e')},坏数据,,${category},10,maybe,,4000,`,
    // 7: a reason on a returnable product.
    `${s('f')},矛盾,,${category},10,yes,digital,,`,
    // 8: the SKU of line 2 again (other case).
    `${s('a').toLowerCase()},重复,,${category},1,,,,`,
    // 9: a price that is not an amount, and a SKU with a space.
    `BAD SKU,坏价格,,${category},abc,,,,`,
    // 10: non-returnable without a reason.
    `${s('g')},无理由,,${category},10,0,,,`,
  ].join('\n');
}

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  await ensureTestCategory(category);
});

describe('importProductsCsv', () => {
  it('imports good rows, rejects each bad row alone naming its column, and is idempotent', async () => {
    const first = await runImport(supervisor, file());
    expect(first).toMatchObject({ rows: 9, imported: 2, updated: 0, skipped: 0, rejected: 7 });
    expect(first.report.map((r) => [r.line, r.externalId, r.field, r.code])).toEqual([
      [4, s('C'), 'price', 'required'],
      [5, s('D'), 'category', 'unknown_category'],
      [6, s('e'), 'returnable', 'invalid_boolean'],
      [6, s('e'), 'warranty_days', 'invalid_warranty'],
      [7, s('F'), 'non_returnable_reason', 'reason_not_allowed'],
      [8, s('A'), 'sku', 'duplicate_sku_in_file'],
      [9, 'BAD SKU', 'sku', 'invalid_sku'],
      [9, 'BAD SKU', 'price', 'invalid_amount'],
      [10, s('G'), 'non_returnable_reason', 'reason_required'],
    ]);
    expect(await getProduct({ ctx: supervisor, input: { sku: s('a') } })).toMatchObject({
      name: '无线鼠标',
      nameEn: 'Wireless mouse',
      priceCents: 9_900,
      returnable: true,
      warrantyDays: 365,
      active: true,
    });
    expect(await getProduct({ ctx: supervisor, input: { sku: s('b') } })).toMatchObject({
      name: '鲜花, 一束',
      nameEn: 'Flowers, "fresh"',
      priceCents: 129_950,
      returnable: false,
      nonReturnableReason: 'perishable',
      warrantyDays: 0,
    });
    for (const bad of ['c', 'd', 'e', 'f', 'g'])
      await expect(getProduct({ ctx: supervisor, input: { sku: s(bad) } })).rejects.toMatchObject({
        code: 'not_found',
      });
    expect((await auditFor(s('A'))).map((e) => e.action)).toEqual(['product.create']);

    const db = await getDb();
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, first.jobId));
    expect(job).toMatchObject({ kind: 'products', totalRows: 9, imported: 2, rejected: 7 });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, first.jobId));
    expect(event).toMatchObject({ action: 'product.import', entityType: 'import' });

    const again = await runImport(supervisor, file());
    expect(again).toMatchObject({ rows: 9, imported: 0, updated: 0, skipped: 2, rejected: 7 });
    expect((await getProduct({ ctx: supervisor, input: { sku: s('a') } })).version).toBe(1);
  });

  it('updates a changed SKU and keeps what the file leaves blank or out', async () => {
    await runImport(supervisor, `${HEADER}\n${s('u')},台灯,Desk lamp,${category},59.00,true,,730,true`);
    // No price, returnable or warranty given: those stay; name_en column absent: it stays too.
    const changed = await runImport(
      supervisor,
      `sku,name,category,price,warranty_days\n${s('u')},护眼台灯,${category},,`,
    );
    expect(changed).toMatchObject({ imported: 0, updated: 1, skipped: 0, rejected: 0 });
    expect(await getProduct({ ctx: supervisor, input: { sku: s('u') } })).toMatchObject({
      name: '护眼台灯',
      nameEn: 'Desk lamp',
      priceCents: 5_900,
      warrantyDays: 730,
      version: 2,
    });
    const update = (await auditFor(s('U'))).find((e) => e.action === 'product.update')!;
    expect(update.changes).toEqual({ name: { before: '台灯', after: '护眼台灯' } });
    // An empty name_en cell clears the English name; active=false archives.
    const archived = await runImport(
      supervisor,
      `sku,name,name_en,category,active\n${s('u')},护眼台灯,,${category},false`,
    );
    expect(archived).toMatchObject({ updated: 1 });
    expect(await getProduct({ ctx: supervisor, input: { sku: s('u') } })).toMatchObject({
      nameEn: null,
      active: false,
      version: 3,
    });
  });

  it('refuses a file without the required columns, malformed CSV and an empty file, with clear codes', async () => {
    await expect(runImport(supervisor, 'sku,price\nX,1')).rejects.toMatchObject({
      code: 'csv_missing_columns',
      params: { columns: 'name, category' },
    });
    await expect(runImport(supervisor, `${HEADER}\n${s('m')},"unclosed,,${category},1,,,,`)).rejects.toMatchObject({
      code: 'csv_malformed',
    });
    await expect(runImport(supervisor, '')).rejects.toMatchObject({ code: 'csv_empty' });
    await expect(getProduct({ ctx: supervisor, input: { sku: s('m') } })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is for those who may import: admins (who edit one by one), agents, customers and anonymous callers are refused', async () => {
    const csv = `${HEADER}\n${s('x')},不该导入,,${category},1,,,,`;
    for (const role of ['admin', 'agent', 'customer'] as const) {
      const ctx = role === 'admin' ? admin : await ctxFor(await createTestUser({ role }));
      await expect(runImport(ctx, csv)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(runImport(anonymousCtx(), csv)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getProduct({ ctx: supervisor, input: { sku: s('x') } })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('exportProductsCsv', () => {
  it('writes the import’s columns, formula-safe, and the file imports back with every row skipped', async () => {
    const prefix = `R${tag}`;
    const rows = [
      `${prefix}-1,普通商品,Plain,${category},10.00,true,,365,true`,
      `${prefix}-2,"=HYPERLINK(""x"")",-minus,${category},0.50,false,digital,0,true`,
      `-${prefix}-3,"引号 ""和"", 逗号",,${category},1234.56,true,,90,false`,
    ];
    const imported = await runImport(supervisor, [HEADER, ...rows].join('\n'));
    expect(imported).toMatchObject({ imported: 3, rejected: 0 });

    const csv = await exportCsv(supervisor, { q: prefix, status: 'all' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1)).toEqual([
      `${prefix}-1,普通商品,Plain,${category},10.00,true,,365,true`,
      `${prefix}-2,"'=HYPERLINK(""x"")",'-minus,${category},0.50,false,digital,0,true`,
    ]);
    // The SKU starting with '-' is defused too (and sorts apart from the prefix search).
    const dash = await exportCsv(supervisor, { q: `-${prefix}`, status: 'archived' });
    expect(dash.trimEnd().split('\r\n')[1]).toBe(
      `'-${prefix}-3,"引号 ""和"", 逗号",,${category},1234.56,true,,90,false`,
    );
    // Active only by default, like the list.
    expect((await exportCsv(supervisor, { q: `-${prefix}` })).trimEnd().split('\r\n')).toEqual([HEADER]);

    const back = await runImport(supervisor, csv);
    expect(back).toMatchObject({ rows: 2, imported: 0, updated: 0, skipped: 2, rejected: 0 });
    const backDash = await runImport(supervisor, dash);
    expect(backDash).toMatchObject({ rows: 1, skipped: 1 });
    expect(await getProduct({ ctx: supervisor, input: { sku: `${prefix}-2` } })).toMatchObject({
      name: '=HYPERLINK("x")',
      nameEn: '-minus',
      version: 1,
    });

    const db = await getDb();
    const exports = await db.select().from(auditEvents).where(eq(auditEvents.action, 'product.export'));
    expect(exports.some((e) => e.actorId === supervisor.actor!.userId)).toBe(true);
  });

  it('is for those who read the catalogue: agents are refused', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(exportProductsCsv({ ctx: agent, input: {} }).next()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportProductsCsv({ ctx: anonymousCtx(), input: {} }).next()).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const db = await getDb();
    const exports = await db.select().from(auditEvents).where(eq(auditEvents.action, 'product.export'));
    expect(exports.filter((e) => e.actorId === agent.actor!.userId)).toEqual([]);
  });
});
