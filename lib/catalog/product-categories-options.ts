import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { productCategories } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';

/**
 * Product categories as the catalogue pages and writes need them: names for display, codes and
 * activity for the select and for validation. The categories' own admin lives elsewhere
 * (lib/catalog/categories.ts); this reads the table and nothing more.
 */
export type CategoryOption = { code: string; nameZh: string; nameEn: string; active: boolean };

/** Every category (a shop has tens, not thousands), in the admins' order. */
export async function listCategoryOptions({ ctx }: { ctx: Ctx }): Promise<CategoryOption[]> {
  authorize(ctx.actor, 'read:product:any');
  const db = await getDb();
  return db
    .select({
      code: productCategories.code,
      nameZh: productCategories.nameZh,
      nameEn: productCategories.nameEn,
      active: productCategories.active,
    })
    .from(productCategories)
    .orderBy(asc(productCategories.position), asc(productCategories.code));
}

/** The category's name in the reader's language (its code when unknown). */
export function categoryName(
  options: CategoryOption[] | Map<string, CategoryOption>,
  code: string,
  locale: string,
): string {
  const c = options instanceof Map ? options.get(code) : options.find((o) => o.code === code);
  if (!c) return code;
  return (locale === 'en' ? c.nameEn : c.nameZh) || code;
}

/** The given categories' activity, in one query (for a write or a batch of CSV rows). */
export async function categoryActivity(db: Queryable, codes: Iterable<string>): Promise<Map<string, boolean>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  const rows = await db
    .select({ code: productCategories.code, active: productCategories.active })
    .from(productCategories)
    .where(inArray(productCategories.code, list));
  return new Map(rows.map((r) => [r.code, r.active]));
}
