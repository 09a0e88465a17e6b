import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers, orderItems, orders } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { parseInput } from '@/lib/validation';
import { csvLine } from './csv';
import { orderAccessWhere } from './policy';
import { filterWhere } from './search';
import { ListOrdersInput } from './schemas';

export const EXPORT_COLUMNS = [
  'order_no',
  'channel',
  'external_id',
  'placed_at',
  'status',
  'customer_name',
  'recipient_phone',
  'region',
  'sku',
  'product',
  'quantity',
  'unit_price',
  'line_total',
  'shipping_fee',
  'discount',
  'total',
  'refunded',
  'carrier',
  'tracking_no',
  // The amounts' currency (the shop's, since #12), so that the file says what its numbers are in
  // and imports back unchanged (the order import reads the same column).
  'currency',
] as const;

const BATCH = 500;
/** An amount in the order currency's main unit with two decimals. */
const amount = (cents: number | bigint) => (Number(cents) / 100).toFixed(2);

/**
 * The orders matching the list's filters as CSV lines (header first), one line per order item,
 * read in keyset batches so memory stays flat at any size. Phones are masked and street addresses
 * left out: an export is personal data leaving the system. The export itself is audited.
 */
export async function* exportOrdersCsv({ ctx, input }: { ctx: Ctx; input: unknown }): AsyncGenerator<string> {
  authorize(ctx.actor, 'export:order:any');
  const access = orderAccessWhere(ctx.actor);
  const f = parseInput(ListOrdersInput, { ...(input as object), sort: 'placed_desc', cursor: undefined });
  const db = await getDb();
  const tz = env().SHOP_TIMEZONE;
  await recordAudit(db, ctx, {
    action: 'order.export',
    entityType: 'order',
    after: { filters: input as Record<string, unknown> },
  });
  yield csvLine([...EXPORT_COLUMNS]);
  let after: { placedAt: Date; id: number } | null = null;
  for (;;) {
    const where = filterWhere(f, access);
    if (after)
      where.push(sql`(${orders.placedAt}, ${orders.id}) < (${after.placedAt.toISOString()}::timestamptz, ${after.id})`);
    const batch = await db
      .select({
        o: orders,
        customerName: customers.name,
        placedLocal: sql<string>`to_char(${orders.placedAt} at time zone ${tz}, 'YYYY-MM-DD HH24:MI:SS')`,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(and(...where))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(BATCH);
    if (batch.length === 0) return;
    const items = await db
      .select()
      .from(orderItems)
      .where(
        inArray(
          orderItems.orderId,
          batch.map((b) => b.o.id),
        ),
      )
      .orderBy(asc(orderItems.id));
    const byOrder = new Map<number, typeof items>();
    for (const i of items) byOrder.set(i.orderId, [...(byOrder.get(i.orderId) ?? []), i]);
    let chunk = '';
    for (const { o, customerName, placedLocal } of batch) {
      for (const i of byOrder.get(o.id) ?? []) {
        chunk += csvLine([
          o.orderNo,
          o.channel,
          o.externalId,
          placedLocal,
          o.status,
          customerName,
          o.recipientPhoneMasked,
          o.shippingRegion,
          i.sku,
          i.name,
          i.quantity,
          amount(i.unitPriceCents),
          amount(i.lineTotalCents),
          amount(o.shippingCents),
          amount(o.discountCents),
          amount(o.totalCents),
          amount(o.refundedCents),
          o.carrier,
          o.trackingNo,
          o.currency,
        ]);
      }
    }
    yield chunk;
    const last = batch.at(-1)!.o;
    after = { placedAt: last.placedAt, id: last.id };
    if (batch.length < BATCH) return;
  }
}
