import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { productCategories, products } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { createOrder } from '@/lib/orders/mutations';
import { anonymousCtx, auditFor, createTestUser, ctxFor, ensureTestCategory, orderInput } from '@/test/factories';
import { listCategoryOptions } from './product-categories-options';
import {
  archiveProduct,
  createProduct,
  getProduct,
  listProducts,
  restoreProduct,
  updateProduct,
  upsertProductBySku,
} from './products';

let admin: Ctx;
let supervisor: Ctx;
let agent: Ctx;
let customer: Ctx;
/** A category of this file's own, so lists filtered by it hold only this file's products. */
const tag = randomUUID().slice(0, 8).toUpperCase();
const category = `cat-${tag.toLowerCase()}`;
const retired = `old-${tag.toLowerCase()}`;

const sku = (label: string) => `P${tag}-${label.toUpperCase()}`;
const input = (s: string, extra: Record<string, unknown> = {}) => ({
  sku: s,
  name: `测试商品 ${s}`,
  nameEn: `Test product ${s}`,
  category,
  priceCents: 12_990,
  returnable: true,
  warrantyDays: 365,
  ...extra,
});

/** The field errors of a rejected call (fails the test when the call did not reject that way). */
async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fieldErrors;
}

beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customer = await ctxFor(await createTestUser({ role: 'customer' }));
  await ensureTestCategory(category);
  const db = await getDb();
  await db.insert(productCategories).values({ code: retired, nameZh: '停用品类', nameEn: 'Retired', active: false });
});

describe('createProduct', () => {
  it('lets an admin create a product, SKU upper-cased, audited, readable by a supervisor', async () => {
    const s = sku('new');
    const created = await createProduct({ ctx: admin, input: input(s.toLowerCase()) });
    expect(created).toEqual({ sku: s, version: 1 });
    const p = await getProduct({ ctx: supervisor, input: { sku: s.toLowerCase() } });
    expect(p).toMatchObject({
      sku: s,
      name: `测试商品 ${s.toLowerCase()}`,
      category,
      priceCents: 12_990,
      currency: 'CNY',
      returnable: true,
      nonReturnableReason: null,
      warrantyDays: 365,
      active: true,
      version: 1,
      orderLineCount: 0,
    });
    const audit = await auditFor(s);
    expect(audit.map((e) => e.action)).toEqual(['product.create']);
    expect(audit[0]!.changes).toMatchObject({ priceCents: { after: 12_990 }, category: { after: category } });
  });

  it('refuses supervisors, agents, customers and anonymous callers, and writes nothing', async () => {
    const s = sku('refused');
    for (const ctx of [supervisor, agent, customer])
      await expect(createProduct({ ctx, input: input(s) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createProduct({ ctx: anonymousCtx(), input: input(s) })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getProduct({ ctx: admin, input: { sku: s } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditFor(s)).toEqual([]);
  });

  it('names the field at fault: duplicate SKU (any case), unknown or retired category, price, reason, warranty', async () => {
    const s = sku('dupe');
    await createProduct({ ctx: admin, input: input(s) });
    expect(await fieldErrors(createProduct({ ctx: admin, input: input(s.toLowerCase(), { name: '另一个' }) }))).toEqual(
      { sku: ['duplicate_sku'] },
    );
    expect(
      await fieldErrors(createProduct({ ctx: admin, input: input(sku('c1'), { category: 'no-such-category' }) })),
    ).toEqual({ category: ['unknown_category'] });
    expect(await fieldErrors(createProduct({ ctx: admin, input: input(sku('c2'), { category: retired }) }))).toEqual({
      category: ['unknown_category'],
    });
    for (const priceCents of [-1, 1.5, 'abc', null]) {
      expect(await fieldErrors(createProduct({ ctx: admin, input: input(sku('p'), { priceCents }) }))).toEqual({
        priceCents: ['invalid_amount'],
      });
    }
    expect(
      await fieldErrors(createProduct({ ctx: admin, input: input(sku('p0'), { priceCents: undefined }) })),
    ).toEqual({ priceCents: ['required'] });
    expect(await fieldErrors(createProduct({ ctx: admin, input: input(sku('r1'), { returnable: false }) }))).toEqual({
      nonReturnableReason: ['reason_required'],
    });
    expect(
      await fieldErrors(
        createProduct({ ctx: admin, input: input(sku('r2'), { returnable: true, nonReturnableReason: 'perishable' }) }),
      ),
    ).toEqual({
      nonReturnableReason: ['reason_not_allowed'],
    });
    expect(
      await fieldErrors(
        createProduct({ ctx: admin, input: input(sku('r3'), { returnable: false, nonReturnableReason: 'broken' }) }),
      ),
    ).toEqual({
      nonReturnableReason: ['invalid_choice'],
    });
    for (const warrantyDays of [-1, 3651, 'x']) {
      expect(await fieldErrors(createProduct({ ctx: admin, input: input(sku('w'), { warrantyDays }) }))).toEqual({
        warrantyDays: ['invalid_warranty'],
      });
    }
    expect(await fieldErrors(createProduct({ ctx: admin, input: input('BAD SKU!') }))).toEqual({
      sku: ['invalid_sku'],
    });
    expect(
      await fieldErrors(createProduct({ ctx: admin, input: input(sku('n'), { name: ' ', nameEn: 'x'.repeat(201) }) })),
    ).toEqual({ name: ['required'], nameEn: ['too_long'] });
    // Several problems at once are all reported, so the form can show each at its field.
    expect(
      await fieldErrors(createProduct({ ctx: admin, input: input(s, { category: 'nope', returnable: false }) })),
    ).toEqual({
      sku: ['duplicate_sku'],
      category: ['unknown_category'],
      nonReturnableReason: ['reason_required'],
    });
    const db = await getDb();
    expect(
      await db.select({ sku: products.sku }).from(products).where(eq(products.category, 'no-such-category')),
    ).toEqual([]);
  });

  it('stores a non-returnable product with its reason, which the return policy reads', async () => {
    const s = sku('tea');
    await createProduct({
      ctx: admin,
      input: input(s, {
        returnable: 'false',
        nonReturnableReason: 'perishable',
        warrantyDays: '0',
        priceCents: '26800',
      }),
    });
    expect(await getProduct({ ctx: admin, input: { sku: s } })).toMatchObject({
      returnable: false,
      nonReturnableReason: 'perishable',
      warrantyDays: 0,
      priceCents: 26_800,
    });
  });
});

describe('updateProduct', () => {
  it('saves every field with a new version and a before/after audit; a stale version is a conflict', async () => {
    const s = sku('edit');
    await createProduct({ ctx: admin, input: input(s) });
    const saved = await updateProduct({
      ctx: admin,
      input: {
        ...input(s),
        version: 1,
        name: '新名字',
        nameEn: '',
        priceCents: 9_900,
        returnable: false,
        nonReturnableReason: 'custom_made',
      },
    });
    expect(saved).toEqual({ version: 2 });
    expect(await getProduct({ ctx: admin, input: { sku: s } })).toMatchObject({
      name: '新名字',
      nameEn: null,
      priceCents: 9_900,
      returnable: false,
      nonReturnableReason: 'custom_made',
      version: 2,
    });
    const update = (await auditFor(s)).find((e) => e.action === 'product.update')!;
    expect(update.changes).toMatchObject({
      name: { before: `测试商品 ${s}`, after: '新名字' },
      priceCents: { before: 12_990, after: 9_900 },
      nameEn: { after: null },
    });

    await expect(updateProduct({ ctx: admin, input: { ...input(s), version: 1 } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    // Saving without a change writes nothing: same version, no audit entry.
    const again = await updateProduct({
      ctx: admin,
      input: {
        ...input(s),
        version: 2,
        name: '新名字',
        nameEn: '',
        priceCents: 9_900,
        returnable: false,
        nonReturnableReason: 'custom_made',
      },
    });
    expect(again).toEqual({ version: 2 });
    expect((await auditFor(s)).filter((e) => e.action === 'product.update')).toHaveLength(1);
  });

  it('validates like create, refuses non-admins and unknown SKUs, and keeps a retired category it already has', async () => {
    const s = sku('upd');
    await createProduct({ ctx: admin, input: input(s) });
    expect(
      await fieldErrors(
        updateProduct({ ctx: admin, input: { ...input(s), version: 1, warrantyDays: 4000, category: retired } }),
      ),
    ).toEqual({
      warrantyDays: ['invalid_warranty'],
    });
    expect(
      await fieldErrors(updateProduct({ ctx: admin, input: { ...input(s), version: 1, category: retired } })),
    ).toEqual({ category: ['unknown_category'] });
    for (const ctx of [supervisor, agent])
      await expect(updateProduct({ ctx, input: { ...input(s), version: 1, priceCents: 1 } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    await expect(updateProduct({ ctx: anonymousCtx(), input: { ...input(s), version: 1 } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(updateProduct({ ctx: admin, input: { ...input(sku('ghost')), version: 1 } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await getProduct({ ctx: admin, input: { sku: s } })).priceCents).toBe(12_990);

    // The category is retired after the product was filed under it: the product may still be edited.
    const kept = `keep-${tag.toLowerCase()}`;
    await ensureTestCategory(kept);
    const k = sku('kept');
    await createProduct({ ctx: admin, input: input(k, { category: kept }) });
    const db = await getDb();
    await db.update(productCategories).set({ active: false }).where(eq(productCategories.code, kept));
    expect(
      await updateProduct({ ctx: admin, input: { ...input(k, { category: kept }), version: 1, priceCents: 100 } }),
    ).toEqual({ version: 2 });
  });
});

describe('archiveProduct / restoreProduct', () => {
  it('archives (never deletes): hidden from the default list, refused in new orders, restorable', async () => {
    const s = sku('arch');
    await createProduct({ ctx: admin, input: input(s) });
    await createOrder({ ctx: agent, input: orderInput(s) });
    expect((await getProduct({ ctx: admin, input: { sku: s } })).orderLineCount).toBe(1);

    for (const ctx of [supervisor, agent])
      await expect(archiveProduct({ ctx, input: { sku: s, version: 1 } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(archiveProduct({ ctx: anonymousCtx(), input: { sku: s } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(archiveProduct({ ctx: admin, input: { sku: s, version: 7 } })).rejects.toBeInstanceOf(ConflictError);
    expect(await archiveProduct({ ctx: admin, input: { sku: s, version: 1 } })).toEqual({ version: 2 });
    // A second click changes nothing.
    expect(await archiveProduct({ ctx: admin, input: { sku: s } })).toEqual({ version: 2 });

    const active = await listProducts({ ctx: admin, input: { q: s } });
    expect(active.items).toEqual([]);
    const archived = await listProducts({ ctx: admin, input: { q: s, status: 'archived' } });
    expect(archived.items.map((p) => [p.sku, p.active])).toEqual([[s, false]]);
    expect(await fieldErrors(createOrder({ ctx: agent, input: orderInput(s) }))).toEqual({
      'items.0.sku': ['archived_sku'],
    });
    // The old order keeps pointing at it.
    expect((await getProduct({ ctx: admin, input: { sku: s } })).orderLineCount).toBe(1);

    await expect(restoreProduct({ ctx: supervisor, input: { sku: s } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await restoreProduct({ ctx: admin, input: { sku: s, version: 2 } })).toEqual({ version: 3 });
    await createOrder({ ctx: agent, input: orderInput(s) });
    expect((await getProduct({ ctx: admin, input: { sku: s } })).orderLineCount).toBe(2);
    expect((await auditFor(s)).map((e) => e.action)).toEqual(['product.create', 'product.archive', 'product.restore']);
    await expect(archiveProduct({ ctx: admin, input: { sku: sku('nothing') } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listProducts / getProduct', () => {
  it('searches by SKU or name prefix in either language, filters, and pages by SKU', async () => {
    const db = await getDb();
    const listCat = `list-${tag.toLowerCase()}`;
    await ensureTestCategory(listCat);
    await db.insert(products).values(
      Array.from({ length: 53 }, (_, i) => ({
        sku: `L${tag}-${String(i).padStart(3, '0')}`,
        name: i === 7 ? `蓝牙音箱${tag}` : `商品${i}`,
        nameEn: i === 8 ? `Speaker${tag} mini` : null,
        category: listCat,
        priceCents: 100 + i,
        active: i !== 52,
      })),
    );
    const first = await listProducts({ ctx: supervisor, input: { category: listCat } });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.sku).toBe(`L${tag}-000`);
    expect(first.nextCursor).not.toBeNull();
    const second = await listProducts({ ctx: supervisor, input: { category: listCat, cursor: first.nextCursor! } });
    expect(second.items.map((p) => p.sku)).toEqual([`L${tag}-050`, `L${tag}-051`]);
    expect(second.nextCursor).toBeNull();
    const all = await listProducts({
      ctx: supervisor,
      input: { category: listCat, status: 'all', cursor: first.nextCursor! },
    });
    expect(all.items.map((p) => p.sku)).toEqual([`L${tag}-050`, `L${tag}-051`, `L${tag}-052`]);

    expect((await listProducts({ ctx: admin, input: { q: `l${tag.toLowerCase()}-00` } })).items).toHaveLength(10);
    expect((await listProducts({ ctx: admin, input: { q: `蓝牙音箱${tag}` } })).items.map((p) => p.sku)).toEqual([
      `L${tag}-007`,
    ]);
    expect(
      (await listProducts({ ctx: admin, input: { q: `speaker${tag.toLowerCase()}` } })).items.map((p) => p.sku),
    ).toEqual([`L${tag}-008`]);
    // Prefix, not substring; LIKE wildcards in the search are literal.
    expect((await listProducts({ ctx: admin, input: { q: `-00${tag}` } })).items).toEqual([]);
    expect((await listProducts({ ctx: admin, input: { q: `L${tag}-%` } })).items).toEqual([]);
    expect(await fieldErrors(listProducts({ ctx: admin, input: { status: 'deleted' } }))).toEqual({
      status: ['invalid_choice'],
    });
  });

  it('is for those who read the catalogue: agents, customers and anonymous callers are refused', async () => {
    for (const ctx of [agent, customer]) {
      await expect(listProducts({ ctx, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getProduct({ ctx, input: { sku: 'PH-X12-128' } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listCategoryOptions({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(listProducts({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getProduct({ ctx: admin, input: { sku: 'not a sku/../' } })).rejects.toBeInstanceOf(NotFoundError);
    const options = await listCategoryOptions({ ctx: supervisor });
    expect(options).toContainEqual({ code: retired, nameZh: '停用品类', nameEn: 'Retired', active: false });
    expect(options).toContainEqual(
      expect.objectContaining({ code: 'electronics', nameZh: '数码电子', nameEn: 'Electronics' }),
    );
  });
});

describe('upsertProductBySku', () => {
  it('creates, then updates only what is sent, and skips a write that changes nothing', async () => {
    const s = sku('up');
    expect(
      await upsertProductBySku({ ctx: admin, input: { sku: s, name: '插线板', category, priceCents: 4_900 } }),
    ).toEqual({ sku: s, created: true, version: 1 });
    expect(await getProduct({ ctx: admin, input: { sku: s } })).toMatchObject({
      returnable: true,
      warrantyDays: 365,
      active: true,
      nameEn: null,
    });
    expect(
      await upsertProductBySku({ ctx: admin, input: { sku: s, name: '插线板', category, priceCents: 4_900 } }),
    ).toEqual({ sku: s, created: false, version: 1 });
    expect(
      await upsertProductBySku({ ctx: admin, input: { sku: s.toLowerCase(), priceCents: 5_900, active: false } }),
    ).toEqual({ sku: s, created: false, version: 2 });
    expect(await getProduct({ ctx: admin, input: { sku: s } })).toMatchObject({
      name: '插线板',
      priceCents: 5_900,
      active: false,
    });
    expect((await auditFor(s)).map((e) => e.action)).toEqual(['product.create', 'product.update']);

    await expect(
      upsertProductBySku({ ctx: admin, input: { sku: s, priceCents: 1, version: 1 } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await fieldErrors(upsertProductBySku({ ctx: admin, input: { sku: sku('up2'), name: '新品' } }))).toEqual({
      category: ['required'],
      priceCents: ['required'],
    });
    expect(await fieldErrors(upsertProductBySku({ ctx: admin, input: { sku: s, returnable: false } }))).toEqual({
      nonReturnableReason: ['reason_required'],
    });
    await expect(upsertProductBySku({ ctx: supervisor, input: { sku: s, priceCents: 1 } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await getProduct({ ctx: admin, input: { sku: s } })).version).toBe(2);
  });
});
