import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { productCategories, products, returnPolicies } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { catalogName, type CatalogRecord } from './names';
import { authorizeAny, clearRecordsCache, createRecord, loadRecords, updateRecord, type CatalogKind } from './records';

/**
 * Product categories: records since #12, kept by admins with the catalogue (manage:product:any).
 * Products point at one by code; return policies are configured per code (return_policies.category)
 * and reports group by it, so the code never changes and a category is never deleted. An inactive
 * category keeps its products and reports but is not offered for new products.
 */
const CATEGORY: CatalogKind = {
  table: productCategories as unknown as CatalogKind['table'],
  entityType: 'product_category',
  action: 'category',
  manage: 'manage:product:any',
};

export type CategoryRow = CatalogRecord;
export type CategoryAdminRow = CategoryRow & { products: number; customPolicy: boolean };

/** Every category in position order, for forms, filters and names. Cached for a few seconds per process;
 * pages call it without a handle, code inside a transaction passes the transaction (read fresh). */
export function loadCategories(db?: Queryable): Promise<CategoryRow[]> {
  return loadRecords(CATEGORY, db);
}

/** The category's name in the locale. */
export const categoryName = (row: Pick<CategoryRow, 'nameZh' | 'nameEn'>, locale: string): string =>
  catalogName(row, locale);

/** Forget the cached copy (a test that wrote the table itself). */
export const clearCategoriesCache = () => clearRecordsCache(CATEGORY);

/** Every category with its number of products and whether it has its own return policy. */
export async function listCategories({ ctx }: { ctx: Ctx }): Promise<CategoryAdminRow[]> {
  authorizeAny(ctx.actor, ['read:order:any', 'read:report:any', 'manage:product:any']);
  const db = await getDb();
  const [rows, counts, policies] = await Promise.all([
    loadRecords(CATEGORY, db),
    // products_category_idx (category, sku): an index-only count.
    db
      .select({ category: products.category, n: sql<number>`count(*)::int` })
      .from(products)
      .groupBy(products.category),
    db.select({ category: returnPolicies.category }).from(returnPolicies),
  ]);
  const byCode = new Map(counts.map((c) => [c.category, Number(c.n)]));
  const custom = new Set(policies.map((p) => p.category));
  return rows.map((r) => ({ ...r, products: byCode.get(r.code) ?? 0, customPolicy: custom.has(r.code) }));
}

/** An admin adds a category: code (immutable, unique → `duplicate_code`), names in both languages, position. */
export async function createCategory({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CategoryRow> {
  authorize(ctx.actor, 'manage:product:any');
  return createRecord(CATEGORY, { ctx, input });
}

/** An admin renames, reorders, deactivates or reactivates a category (optimistic `version`). */
export async function updateCategory({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CategoryRow> {
  authorize(ctx.actor, 'manage:product:any');
  return updateRecord(CATEGORY, { ctx, input });
}
