import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable } from '@/db/client';
import { productCategories, products, returnPolicies } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import { CASE_TYPES } from '@/lib/cases/workflow';
import type { Ctx } from '@/lib/context';
import { expectVersion } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { DEFAULT_POLICY, type CategoryPolicy } from './policy-engine';

/** The policy of each given category (defaults where none is configured), in one query. */
export async function policiesFor(db: Queryable, categories: string[]): Promise<Map<string, CategoryPolicy>> {
  const unique = [...new Set(categories)];
  const rows = unique.length
    ? await db.select().from(returnPolicies).where(inArray(returnPolicies.category, unique))
    : [];
  const map = new Map<string, CategoryPolicy>(unique.map((c) => [c, DEFAULT_POLICY]));
  for (const r of rows) {
    map.set(r.category, {
      noReasonDays: r.noReasonDays,
      qualityReturnDays: r.qualityReturnDays,
      qualityExchangeDays: r.qualityExchangeDays,
      priceProtectionDays: r.priceProtectionDays,
      allowedTypes: r.allowedTypes,
    });
  }
  return map;
}

export type CategoryPolicyRow = CategoryPolicy & {
  category: string;
  configured: boolean;
  version: number;
  products: number;
};

/** Every product category with its effective policy, for /admin/policies. */
export async function listCategoryPolicies({ ctx }: { ctx: Ctx }): Promise<CategoryPolicyRow[]> {
  authorize(ctx.actor, 'manage:policy:any');
  const db = await getDb();
  const cats = await db
    .select({ category: products.category, n: sql<number>`count(*)::int` })
    .from(products)
    .groupBy(products.category)
    .orderBy(asc(products.category));
  const configured = await db.select().from(returnPolicies);
  // Every category record too (#12): a new category gets its policy before its first product.
  const records = await db.select({ code: productCategories.code }).from(productCategories);
  const byCat = new Map(configured.map((r) => [r.category, r]));
  const names = [
    ...new Set([...records.map((r) => r.code), ...cats.map((c) => c.category), ...configured.map((c) => c.category)]),
  ].sort();
  return names.map((category) => {
    const r = byCat.get(category);
    return {
      category,
      configured: !!r,
      version: r?.version ?? 0,
      products: Number(cats.find((c) => c.category === category)?.n ?? 0),
      noReasonDays: r?.noReasonDays ?? DEFAULT_POLICY.noReasonDays,
      qualityReturnDays: r?.qualityReturnDays ?? DEFAULT_POLICY.qualityReturnDays,
      qualityExchangeDays: r?.qualityExchangeDays ?? DEFAULT_POLICY.qualityExchangeDays,
      priceProtectionDays: r?.priceProtectionDays ?? DEFAULT_POLICY.priceProtectionDays,
      allowedTypes: r?.allowedTypes ?? DEFAULT_POLICY.allowedTypes,
    };
  });
}

const days = (min: number) =>
  z.coerce.number({ message: 'invalid_days' }).int('invalid_days').min(min, 'invalid_days').max(365, 'invalid_days');

export const SaveCategoryPolicyInput = z
  .object({
    category: z.string().trim().min(1, 'required').max(40, 'too_long'),
    version: z.coerce.number().int().min(0),
    // The law sets the floors: 7 days no-reason, 7 and 15 days for quality faults. Shops may be more generous.
    noReasonDays: days(7),
    qualityReturnDays: days(7),
    qualityExchangeDays: days(15),
    // 价保 is the shop's promise, not the law's: 0 means only on the day of purchase.
    priceProtectionDays: days(0).default(DEFAULT_POLICY.priceProtectionDays),
    allowedTypes: z.array(z.enum(CASE_TYPES, { message: 'invalid_choice' })).min(1, 'required'),
  })
  .refine((v) => v.qualityExchangeDays >= v.qualityReturnDays, {
    path: ['qualityExchangeDays'],
    message: 'exchange_before_return',
  });

export async function saveCategoryPolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:policy:any');
  const data = parseInput(SaveCategoryPolicyInput, input);
  await transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(returnPolicies)
      .where(eq(returnPolicies.category, data.category))
      .for('update');
    expectVersion(before?.version ?? 0, data.version);
    const values = {
      noReasonDays: data.noReasonDays,
      qualityReturnDays: data.qualityReturnDays,
      qualityExchangeDays: data.qualityExchangeDays,
      priceProtectionDays: data.priceProtectionDays,
      allowedTypes: [...new Set(data.allowedTypes)],
    };
    await tx
      .insert(returnPolicies)
      .values({ category: data.category, ...values })
      .onConflictDoUpdate({
        target: returnPolicies.category,
        set: { ...values, version: sql`${returnPolicies.version} + 1`, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'policy.save',
      entityType: 'return_policy',
      entityId: data.category,
      before: before
        ? {
            noReasonDays: before.noReasonDays,
            qualityReturnDays: before.qualityReturnDays,
            qualityExchangeDays: before.qualityExchangeDays,
            priceProtectionDays: before.priceProtectionDays,
            allowedTypes: before.allowedTypes,
          }
        : null,
      after: values,
    });
  });
}
