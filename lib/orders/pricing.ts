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

/**
 * Resolves SKUs to products in one query and computes the amounts. Unknown SKUs, a discount larger
 * than the order and a stated total that does not add up are field errors: nothing is written.
 */
export async function priceOrder(
  db: Queryable,
  input: {
    items: { sku: string; quantity: number; unitPriceCents?: number }[];
    shippingCents: number;
    discountCents: number;
    totalCents?: number;
  },
): Promise<Priced> {
  const skus = [...new Set(input.items.map((i) => i.sku))];
  const found = await db.select().from(products).where(inArray(products.sku, skus));
  const bySku = new Map(found.map((p) => [p.sku, p]));
  const errors: FieldErrors = {};
  const lines: PricedLine[] = [];
  input.items.forEach((item, i) => {
    const product = bySku.get(item.sku);
    if (!product) {
      errors[`items.${i}.sku`] = ['unknown_sku'];
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
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const itemsTotalCents = lines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  const totalCents = itemsTotalCents + input.shippingCents - input.discountCents;
  if (totalCents < 0) throw new ValidationError({ discountCents: ['discount_exceeds_total'] });
  if (input.totalCents !== undefined && input.totalCents !== totalCents) {
    throw new ValidationError({ totalCents: ['amounts_mismatch'] });
  }
  return { lines, itemsTotalCents, totalCents };
}
