import 'server-only';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { orderItems, products } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { expectVersion, NotFoundError, type FieldErrors, ValidationError } from '@/lib/errors';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { getShopSettings } from '@/lib/shop/settings';
import { parseInput } from '@/lib/validation';
import { categoryActivity } from './product-categories-options';
import {
  CreateProductInput,
  ListProductsInput,
  PRODUCTS_PAGE_SIZE,
  ProductRefInput,
  resolveProduct,
  sameProduct,
  skuField,
  UpdateProductInput,
  UpsertProductInput,
  type NonReturnableReason,
  type ProductFilters,
  type ProductPatch,
  type ProductValues,
} from './product-schemas';

export type ProductRow = typeof products.$inferSelect;

export type ProductDto = {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  category: string;
  priceCents: number;
  currency: string;
  returnable: boolean;
  nonReturnableReason: NonReturnableReason | null;
  warrantyDays: number;
  active: boolean;
  version: number;
  updatedAt: string;
};
export type ProductDetailDto = ProductDto & {
  /** Order lines that sold this SKU (why it is archived, never deleted). */ orderLineCount: number;
};

function toDto(p: ProductRow): ProductDto {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    priceCents: p.priceCents,
    currency: p.currency,
    returnable: p.returnable,
    nonReturnableReason: p.nonReturnableReason as NonReturnableReason | null,
    warrantyDays: p.warrantyDays,
    active: p.active,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The stored product as the values a write is compared with. */
export function valuesOf(p: ProductRow): ProductValues {
  return {
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    priceCents: p.priceCents,
    returnable: p.returnable,
    nonReturnableReason: p.nonReturnableReason as NonReturnableReason | null,
    warrantyDays: p.warrantyDays,
    active: p.active,
  };
}

/** Audit snapshot: every fact about the product (none of it is personal data). */
function snapshot(p: ProductRow) {
  return { sku: p.sku, ...valuesOf(p), currency: p.currency };
}

/** The WHERE of the catalogue list and its CSV export: status, category, search. */
export function productFilterWhere(f: ProductFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  // (active, sku) and (category, sku) indexes serve these with the SKU order of both readers.
  if (f.status !== 'all') where.push(eq(products.active, f.status === 'active'));
  if (f.category) where.push(eq(products.category, f.category));
  if (f.q) {
    // Prefix matches only, so the SKU key and the lower(name) text_pattern_ops indexes apply.
    const escaped = f.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(
      sql`(${products.sku} like ${`${escaped.toUpperCase()}%`} or lower(${products.name}) like ${`${escaped.toLowerCase()}%`} or lower(${products.nameEn}) like ${`${escaped.toLowerCase()}%`})`,
    );
  }
  return where;
}

/** The catalogue list: search by SKU or name prefix, category and status filters, SKU order, keyset pages. */
export async function listProducts({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<ProductDto>> {
  authorize(ctx.actor, 'read:product:any');
  const f = parseInput(ListProductsInput, input);
  const where = productFilterWhere(f);
  const after = decodeCursor(f.cursor, ['string']);
  if (after) where.push(gt(products.sku, String(after[0])));
  const db = await getDb();
  const rows = await db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(asc(products.sku))
    .limit(PRODUCTS_PAGE_SIZE + 1);
  const page = toPage(rows, PRODUCTS_PAGE_SIZE, (r) => [r.sku]);
  return { nextCursor: page.nextCursor, items: page.items.map(toDto) };
}

/** A SKU from a URL or body; one that cannot be a SKU names no product (404, not 422). */
function skuOf(raw: unknown): string {
  const parsed = skuField.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('product');
  return parsed.data;
}

/** One product with the number of order lines that reference it. */
export async function getProduct({ ctx, input }: { ctx: Ctx; input: { sku: unknown } }): Promise<ProductDetailDto> {
  authorize(ctx.actor, 'read:product:any');
  const sku = skuOf(input?.sku);
  const db = await getDb();
  const [row] = await db.select().from(products).where(eq(products.sku, sku)).limit(1);
  if (!row) throw new NotFoundError('product');
  // order_items_sku_idx (sku, order_id): an index-only count.
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orderItems)
    .where(eq(orderItems.sku, row.sku));
  return { ...toDto(row), orderLineCount: Number(count?.n ?? 0) };
}

/** The products of these SKUs, locked until the transaction ends (one query for a whole CSV batch). */
export async function lockProductsBySku(tx: Tx, skus: Iterable<string>): Promise<Map<string, ProductRow>> {
  const list = [...new Set(skus)];
  if (!list.length) return new Map();
  // In SKU order, so two imports of overlapping files cannot deadlock on each other's rows.
  const rows = await tx
    .select()
    .from(products)
    .where(inArray(products.sku, list))
    .orderBy(asc(products.sku))
    .for('update');
  return new Map(rows.map((r) => [r.sku, r]));
}

async function lockProduct(tx: Tx, sku: string): Promise<ProductRow | null> {
  return (await lockProductsBySku(tx, [sku])).get(sku) ?? null;
}

/**
 * A category a write may use: one that exists and is active. A product keeps the category it
 * already has even after that category is retired, so editing its price does not force a move.
 */
export function categoryErrors(
  category: string,
  existing: ProductRow | null,
  activity: Map<string, boolean>,
): FieldErrors {
  if (existing && existing.category === category) return {};
  return activity.get(category) ? {} : { category: ['unknown_category'] };
}

/** A unique violation (SQLSTATE 23505), looking through the driver's and Drizzle's error wrappers. */
function isUniqueViolation(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    e = e.cause as typeof e, i++
  ) {
    if (e.code === '23505') return true;
  }
  return false;
}

/**
 * Inserts or updates one product whose values are validated (resolveProduct, categoryErrors), with
 * its audit event, inside the caller's transaction; the caller has authorised. A new product takes
 * the shop's currency. A SKU inserted meanwhile by someone else is a `duplicate_sku` field error.
 */
export async function writeProductInTx(
  tx: Tx,
  ctx: Ctx,
  sku: string,
  existing: ProductRow | null,
  values: ProductValues,
): Promise<{ created: boolean; version: number }> {
  if (!existing) {
    const { currency } = await getShopSettings(tx);
    let row: ProductRow | undefined;
    try {
      [row] = await tx
        .insert(products)
        .values({ sku, ...values, currency })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ValidationError({ sku: ['duplicate_sku'] });
      throw err;
    }
    await recordAudit(tx, ctx, {
      action: 'product.create',
      entityType: 'product',
      entityId: sku,
      after: snapshot(row!),
    });
    return { created: true, version: row!.version };
  }
  const [row] = await tx
    .update(products)
    .set({ ...values, version: existing.version + 1, updatedAt: sql`now()` })
    .where(eq(products.id, existing.id))
    .returning();
  await recordAudit(tx, ctx, {
    action: 'product.update',
    entityType: 'product',
    entityId: sku,
    before: snapshot(existing),
    after: snapshot(row!),
  });
  return { created: false, version: row!.version };
}

/** Resolves and checks a write against the stored product; every field error at once. */
async function checkedValues(
  tx: Tx,
  existing: ProductRow | null,
  patch: ProductPatch,
  errors: FieldErrors = {},
): Promise<ProductValues> {
  const resolved = resolveProduct(existing ? valuesOf(existing) : null, patch);
  Object.assign(errors, resolved.errors);
  const category = patch.category ?? existing?.category;
  if (category && !errors.category)
    Object.assign(errors, categoryErrors(category, existing, await categoryActivity(tx, [category])));
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return resolved.values!;
}

export async function createProduct({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ sku: string; version: number }> {
  authorize(ctx.actor, 'manage:product:any');
  const data = parseInput(CreateProductInput, input);
  return transaction(async (tx) => {
    const existing = await lockProduct(tx, data.sku);
    const { sku: _sku, ...patch } = data;
    const values = await checkedValues(tx, null, patch, existing ? { sku: ['duplicate_sku'] } : {});
    const { version } = await writeProductInTx(tx, ctx, data.sku, null, values);
    return { sku: data.sku, version };
  });
}

/** The admin form's save: every field replaced, the SKU itself immutable, guarded by version. */
export async function updateProduct({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, 'manage:product:any');
  const data = parseInput(UpdateProductInput, input);
  return transaction(async (tx) => {
    const existing = await lockProduct(tx, data.sku);
    if (!existing) throw new NotFoundError('product');
    expectVersion(existing.version, data.version);
    const values = await checkedValues(tx, existing, {
      name: data.name,
      nameEn: data.nameEn ?? null,
      category: data.category,
      priceCents: data.priceCents,
      returnable: data.returnable,
      nonReturnableReason: data.nonReturnableReason ?? null,
      warrantyDays: data.warrantyDays,
    });
    if (sameProduct(values, valuesOf(existing))) return { version: existing.version };
    return { version: (await writeProductInTx(tx, ctx, existing.sku, existing, values)).version };
  });
}

async function setActive(ctx: Ctx, input: unknown, active: boolean): Promise<{ version: number }> {
  authorize(ctx.actor, 'manage:product:any');
  const data = parseInput(ProductRefInput, input);
  return transaction(async (tx) => {
    const existing = await lockProduct(tx, data.sku);
    if (!existing) throw new NotFoundError('product');
    expectVersion(existing.version, data.version);
    // Already so (a second click, another admin first): nothing to do, nothing to audit.
    if (existing.active === active) return { version: existing.version };
    const [row] = await tx
      .update(products)
      .set({ active, version: existing.version + 1, updatedAt: sql`now()` })
      .where(eq(products.id, existing.id))
      .returning({ version: products.version });
    await recordAudit(tx, ctx, {
      action: active ? 'product.restore' : 'product.archive',
      entityType: 'product',
      entityId: existing.sku,
      before: { active: existing.active },
      after: { active },
    });
    return { version: row!.version };
  });
}

/**
 * Archives a product: it stays (order lines and cases point at it) but new orders refuse its SKU
 * (`archived_sku`, lib/orders/pricing.ts) and the order form no longer offers it.
 */
export async function archiveProduct({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  return setActive(ctx, input, false);
}

export async function restoreProduct({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  return setActive(ctx, input, true);
}

/**
 * Creates the SKU's product or updates it, in one transaction with its audit event — the API's
 * `POST /api/v1/products`. Omitted fields keep their values; a write that changes nothing is not
 * written (same version, no audit), so sending the same body twice is harmless.
 */
export async function upsertProductBySku({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ sku: string; created: boolean; version: number }> {
  authorize(ctx.actor, 'manage:product:any');
  const { sku, version, ...patch } = parseInput(UpsertProductInput, input);
  return transaction(async (tx) => {
    const existing = await lockProduct(tx, sku);
    expectVersion(existing?.version, version);
    const values = await checkedValues(tx, existing, patch);
    if (existing && sameProduct(values, valuesOf(existing))) return { sku, created: false, version: existing.version };
    const result = await writeProductInTx(tx, ctx, sku, existing, values);
    return { sku, ...result };
  });
}
