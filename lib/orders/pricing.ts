import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { products } from '@/db/schema';
import { ValidationError, type FieldErrors } from '@/lib/errors';

export type PricedLine = {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
};

export type Priced = { lines: PricedLine[]; itemsTotalCents: number; totalCents: number };
export type PricingProduct = { id: string; sku: string; name: string; priceCents: number; active: boolean };
export type PricingInput = {
  items: { sku: string; quantity: number; unitPriceCents?: number }[];
  shippingCents: number;
  discountCents: number;
  totalCents?: number;
};

/** The products of these SKUs, in one query. */
export async function productsBySku(db: Queryable, skus: Iterable<string>): Promise<Map<string, PricingProduct>> {
  const list = [...new Set(skus)];
  if (!list.length) return new Map();
  const found = await db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      priceCents: products.priceCents,
      active: products.active,
    })
    .from(products)
    .where(inArray(products.sku, list));
  return new Map(found.map((p) => [p.sku, p]));
}

/**
 * Prices an order against known products. Unknown or archived SKUs, a discount larger than the
 * order and a stated total that does not add up are field errors (collected into `errors`);
 * returns null when there are any.
 */
export function priceWith(
  bySku: Map<string, PricingProduct>,
  input: PricingInput,
  errors: FieldErrors = {},
): Priced | null {
  const lines: PricedLine[] = [];
  input.items.forEach((item, i) => {
    const product = bySku.get(item.sku);
    if (!product) {
      errors[`items.${i}.sku`] = ['unknown_sku'];
      return;
    }
    if (!product.active) {
      errors[`items.${i}.sku`] = ['archived_sku'];
      return;
    }
    const unit = item.unitPriceCents ?? product.priceCents;
    lines.push({
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity: item.quantity,
      unitPriceCents: unit,
      lineTotalCents: unit * item.quantity,
    });
  });
  if (Object.keys(errors).length) return null;
  const itemsTotalCents = lines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  const totalCents = itemsTotalCents + input.shippingCents - input.discountCents;
  if (totalCents < 0) errors.discountCents = ['discount_exceeds_total'];
  else if (input.totalCents !== undefined && input.totalCents !== totalCents) errors.totalCents = ['amounts_mismatch'];
  return Object.keys(errors).length ? null : { lines, itemsTotalCents, totalCents };
}

/** Resolves SKUs to products in one query and computes the amounts; field errors throw, nothing is written. */
export async function priceOrder(db: Queryable, input: PricingInput, extraErrors: FieldErrors = {}): Promise<Priced> {
  const errors: FieldErrors = { ...extraErrors };
  const priced = priceWith(
    await productsBySku(
      db,
      input.items.map((i) => i.sku),
    ),
    input,
    errors,
  );
  if (!priced) throw new ValidationError(errors);
  return priced;
}
