import 'server-only';
import { and, asc, gt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { csvLine } from '@/lib/orders/csv';
import { parseInput } from '@/lib/validation';
import { ListProductsInput, PRODUCT_CSV_COLUMNS } from './product-schemas';
import { productFilterWhere } from './products';

const BATCH = 500;
const yuan = (cents: number) => (cents / 100).toFixed(2);

/**
 * The products matching the list's filters as CSV lines (header first), in SKU order, read in
 * keyset batches so memory stays flat. The columns are the import's, so an exported file imports
 * back unchanged (every row skipped). Cells go through csvLine (formula-safe). Audited.
 */
export async function* exportProductsCsv({ ctx, input }: { ctx: Ctx; input: unknown }): AsyncGenerator<string> {
  authorize(ctx.actor, 'read:product:any');
  const f = parseInput(ListProductsInput, { ...((input as object) ?? {}), cursor: undefined });
  const db = await getDb();
  await recordAudit(db, ctx, {
    action: 'product.export',
    entityType: 'product',
    after: { filters: { q: f.q, category: f.category, status: f.status } },
  });
  yield csvLine([...PRODUCT_CSV_COLUMNS]);
  let after: string | null = null;
  for (;;) {
    const where = productFilterWhere(f);
    if (after !== null) where.push(gt(products.sku, after));
    const batch = await db
      .select()
      .from(products)
      .where(and(...where))
      .orderBy(asc(products.sku))
      .limit(BATCH);
    if (batch.length === 0) return;
    let chunk = '';
    for (const p of batch) {
      chunk += csvLine([
        p.sku,
        p.name,
        p.nameEn,
        p.category,
        yuan(p.priceCents),
        p.returnable ? 'true' : 'false',
        p.nonReturnableReason,
        p.warrantyDays,
        p.active ? 'true' : 'false',
      ]);
    }
    yield chunk;
    after = batch.at(-1)!.sku;
    if (batch.length < BATCH) return;
  }
}
