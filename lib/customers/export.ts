import 'server-only';
import { and, desc, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { csvLine } from '@/lib/orders/csv';
import { parseInput } from '@/lib/validation';
import { customerFilterWhere, orderStatsFor } from './queries';
import { ListCustomersInput, searchModeOf } from './schemas';

export const CUSTOMER_EXPORT_COLUMNS = [
  'id',
  'name',
  'phone',
  'email',
  'region',
  'tags',
  'orders',
  'refunded',
  'created_at',
] as const;

const BATCH = 500;
const yuan = (cents: number) => (cents / 100).toFixed(2);

/**
 * The customers matching the list's search and tag filter as CSV lines (header first), newest
 * first, read in keyset batches on (created_at, id) so memory stays flat at any size. Personal
 * data is minimised: the phone is masked and the street address never leaves; the e-mail is
 * exported as staff see it on orders. The search text is not written to the audit event (it
 * may be a phone number); which kind of search it was is. Tags are joined with `|`, as the import reads them. Each
 * batch's order counts and refund totals come from one grouped query. The export is audited.
 */
export async function* exportCustomersCsv({ ctx, input }: { ctx: Ctx; input: unknown }): AsyncGenerator<string> {
  authorize(ctx.actor, 'export:customer:any');
  const f = parseInput(ListCustomersInput, { ...(input as object), cursor: undefined });
  const db = await getDb();
  const tz = env().SHOP_TIMEZONE;
  await recordAudit(db, ctx, {
    action: 'customer.export',
    entityType: 'customer',
    after: { filters: { search: f.q ? searchModeOf(f.q, f.field) : null, tag: f.tag ?? null } },
  });
  yield csvLine([...CUSTOMER_EXPORT_COLUMNS]);
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const where = customerFilterWhere(f);
    if (after)
      where.push(sql`(${customers.createdAt}, ${customers.id}) < (${after.key}::timestamptz, ${after.id}::uuid)`);
    const batch = await db
      .select({
        key: sql<string>`${customers.createdAt}::text`,
        id: customers.id,
        name: customers.name,
        phoneMasked: customers.phoneMasked,
        email: customers.email,
        region: customers.region,
        tags: customers.tags,
        createdLocal: sql<string>`to_char(${customers.createdAt} at time zone ${tz}, 'YYYY-MM-DD HH24:MI:SS')`,
      })
      .from(customers)
      .where(and(...where))
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(BATCH);
    if (batch.length === 0) return;
    const stats = await orderStatsFor(
      db,
      batch.map((c) => c.id),
    );
    let chunk = '';
    for (const c of batch) {
      const s = stats.get(c.id);
      chunk += csvLine([
        c.id,
        c.name,
        c.phoneMasked,
        c.email,
        c.region,
        c.tags.join('|'),
        s?.count ?? 0,
        yuan(s?.refundedCents ?? 0),
        c.createdLocal,
      ]);
    }
    yield chunk;
    const last = batch.at(-1)!;
    after = { key: last.key, id: last.id };
    if (batch.length < BATCH) return;
  }
}
