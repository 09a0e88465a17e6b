import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { productCategories } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import { saveCategoryPolicy } from '@/lib/returns/policies';
import { anonymousCtx, auditFor, createTestProduct, createTestUser, ctxFor } from '@/test/factories';
import { categoryName, createCategory, listCategories, loadCategories, updateCategory } from './categories';
import { catalogOptions } from './names';

const code = () => `cat_${randomUUID().slice(0, 8)}`;
const input = (c: string, extra: Record<string, unknown> = {}) => ({
  code: c,
  nameZh: '宠物用品',
  nameEn: 'Pet supplies',
  ...extra,
});
const rowOf = async (c: string) =>
  (await (await getDb()).select().from(productCategories).where(eq(productCategories.code, c)))[0];

let admin: Ctx, supervisor: Ctx, agent: Ctx, customer: Ctx;
beforeAll(async () => {
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customer = await ctxFor(await createTestUser({ role: 'customer' }));
});

describe('product categories', () => {
  it('are created by admins only (manage:product:any), audited, with both names', async () => {
    const c = code();
    for (const ctx of [supervisor, agent, customer])
      await expect(createCategory({ ctx, input: input(c) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCategory({ ctx: anonymousCtx(), input: input(c) })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rowOf(c)).toBeUndefined();
    expect(await auditFor(c)).toHaveLength(0);

    await expect(createCategory({ ctx: admin, input: input(c, { position: 25 }) })).resolves.toMatchObject({
      code: c,
      active: true,
      position: 25,
      version: 1,
    });
    const rows = await loadCategories(await getDb());
    // Position order: between appliances (20) and apparel (30).
    const at = (x: string) => rows.findIndex((r) => r.code === x);
    expect(at('appliances')).toBeLessThan(at(c));
    expect(at(c)).toBeLessThan(at('apparel'));
    expect(
      categoryName(
        rows.find((r) => r.code === c)!,
        'zh-CN',
      ),
    ).toBe('宠物用品');
    expect(
      categoryName(
        rows.find((r) => r.code === 'periodicals')!,
        'en',
      ),
    ).toBe('Newspapers & periodicals');
    const [event] = await auditFor(c);
    expect(event).toMatchObject({ action: 'category.create', entityType: 'product_category' });
  });

  it('refuse a malformed or taken code and bad names, writing nothing', async () => {
    await expect(createCategory({ ctx: admin, input: input('Pets') })).rejects.toMatchObject({
      fieldErrors: { code: ['invalid_code'] },
    });
    await expect(createCategory({ ctx: admin, input: input('electronics') })).rejects.toMatchObject({
      fieldErrors: { code: ['duplicate_code'] },
    });
    await expect(
      createCategory({ ctx: admin, input: input(code(), { nameZh: '宠'.repeat(41) }) }),
    ).rejects.toMatchObject({ fieldErrors: { nameZh: ['too_long'] } });
    await expect(createCategory({ ctx: admin, input: { code: code(), nameZh: '宠物' } })).rejects.toMatchObject({
      fieldErrors: { nameEn: ['required'] },
    });
    await expect(createCategory({ ctx: admin, input: input(code(), { active: 'maybe' }) })).rejects.toMatchObject({
      fieldErrors: { active: ['invalid_choice'] },
    });
    expect(await rowOf('electronics')).toMatchObject({ nameZh: '数码电子', version: 1 });
  });

  it('are renamed and retired with a version check; the code, products and return policy stay', async () => {
    const c = code();
    const created = await createCategory({ ctx: admin, input: input(c) });
    const product = await createTestProduct({ category: c });
    await saveCategoryPolicy({
      ctx: admin,
      input: {
        category: c,
        version: 0,
        noReasonDays: 15,
        qualityReturnDays: 7,
        qualityExchangeDays: 15,
        allowedTypes: ['return_refund', 'inquiry'],
      },
    });

    const change = { code: c, version: created.version, nameEn: 'Pets', active: false };
    for (const ctx of [supervisor, agent, customer])
      await expect(updateCategory({ ctx, input: change })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateCategory({ ctx: anonymousCtx(), input: change })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rowOf(c)).toMatchObject({ nameEn: 'Pet supplies', active: true, version: 1 });

    await expect(updateCategory({ ctx: admin, input: change })).resolves.toMatchObject({
      code: c,
      nameZh: '宠物用品',
      nameEn: 'Pets',
      active: false,
      version: 2,
    });
    await expect(updateCategory({ ctx: admin, input: { ...change, nameEn: 'Later' } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      updateCategory({ ctx: admin, input: { code: 'no_such_category', version: 1, nameEn: 'x' } }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const listed = (await listCategories({ ctx: admin })).find((r) => r.code === c);
    expect(listed).toMatchObject({ active: false, products: 1, customPolicy: true, nameEn: 'Pets' });
    expect(product.category).toBe(c);
    const rows = await loadCategories(await getDb());
    expect(catalogOptions(rows, 'en').map((o) => o.code)).not.toContain(c);
    expect(catalogOptions(rows, 'en', c).map((o) => o.code)).toContain(c);
    expect((await auditFor(c)).filter((e) => e.action === 'category.update')).toHaveLength(1);
  });

  it('are listed for staff who read orders or reports, not for customers', async () => {
    for (const ctx of [admin, supervisor, agent]) {
      const rows = await listCategories({ ctx });
      expect(rows.find((r) => r.code === 'electronics')).toMatchObject({
        nameZh: '数码电子',
        nameEn: 'Electronics',
        customPolicy: expect.any(Boolean),
      });
    }
    await expect(listCategories({ ctx: customer })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCategories({ ctx: anonymousCtx() })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
