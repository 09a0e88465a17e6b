import 'server-only';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { newestFirst } from '@/db/keyset';
import { channels, customerExternalIds, customers, orders } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { phoneHashes } from '@/lib/crypto';
import { toPage, type Page } from '@/lib/pagination';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { CustomerListItemDto } from './dto';
import { maskEmail } from './mask';
import { CustomerOrdersInput, ListCustomersInput, searchModeOf, type ListCustomersFilters } from './schemas';

export const CUSTOMERS_PAGE_SIZE = 50;

/** `x` → `x%` for LIKE, with the pattern characters in `x` taken literally. */
export const prefixPattern = (q: string) => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The search box as one indexed condition: a name prefix (customers_name_prefix_idx, text_pattern_ops),
 * a phone by its keyed hash (customers_phone_hash_idx), an exact lower-case e-mail
 * (customers_email_idx), or a channel's buyer id — probed once per channel on the primary key
 * (channel, external_id), since the box does not say which channel the id is from.
 */
function searchWhere(f: ListCustomersFilters): SQL | undefined {
  if (!f.q) return undefined;
  switch (searchModeOf(f.q, f.field)) {
    case 'phone':
      // Either key's hash while a key rotation is re-encrypting (docs/keys.md).
      return inArray(customers.phoneHash, phoneHashes(f.q));
    case 'email':
      return eq(customers.email, f.q.toLowerCase());
    case 'externalId':
      return sql`${customers.id} in (select e.customer_id from ${channels} ch join ${customerExternalIds} e on e.channel = ch.code and e.external_id = ${f.q})`;
    default:
      return sql`${customers.name} like ${prefixPattern(f.q)}`;
  }
}

/** The WHERE of the list and the CSV export: search and tag (customers_tags_idx, a GIN index on tags). */
export function customerFilterWhere(f: ListCustomersFilters): (SQL | undefined)[] {
  return [searchWhere(f), f.tag ? sql`${customers.tags} @> array[${f.tag}]::text[]` : undefined];
}

/**
 * Orders per customer for one page of customers: a single grouped query over
 * orders_customer_placed_idx, never one per row. Deleted orders do not count.
 */
export async function orderStatsFor(db: Queryable, ids: string[]) {
  const out = new Map<string, { count: number; lastAt: Date | null; refundedCents: number }>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      customerId: orders.customerId,
      n: sql<number>`count(*)::int`,
      lastAt: sql<Date | null>`max(${orders.placedAt})`.mapWith(orders.placedAt),
      refunded: sql<string>`coalesce(sum(${orders.refundedCents}), 0)::text`,
    })
    .from(orders)
    .where(and(inArray(orders.customerId, ids), sql`${orders.deletedAt} is null`))
    .groupBy(orders.customerId);
  for (const r of rows)
    out.set(r.customerId, { count: Number(r.n), lastAt: r.lastAt, refundedCents: Number(r.refunded) });
  return out;
}

/**
 * The customer list: search (name prefix, phone, e-mail or channel buyer id), tag filter, newest
 * first in keyset pages of 50 on (created_at, id) (customers_created_idx).
 */
export async function listCustomers({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<CustomerListItemDto>> {
  authorize(ctx.actor, 'read:customer:any');
  const f = parseInput(ListCustomersInput, input);
  const page = newestFirst(customers.createdAt, customers.id, f.cursor, 'uuid');
  const db = await getDb();
  const rows = await db
    .select({
      key: page.key,
      id: customers.id,
      name: customers.name,
      phoneMasked: customers.phoneMasked,
      email: customers.email,
      region: customers.region,
      tags: customers.tags,
      userId: customers.userId,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(and(...customerFilterWhere(f), page.where))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(CUSTOMERS_PAGE_SIZE + 1);
  const p = toPage(rows, CUSTOMERS_PAGE_SIZE, page.cursorOf);
  const stats = await orderStatsFor(
    db,
    p.items.map((r) => r.id),
  );
  return {
    nextCursor: p.nextCursor,
    items: p.items.map((r) => {
      const s = stats.get(r.id);
      return {
        id: r.id,
        name: r.name,
        phoneMasked: r.phoneMasked,
        emailMasked: maskEmail(r.email),
        region: r.region,
        tags: r.tags,
        orderCount: s?.count ?? 0,
        lastOrderAt: s?.lastAt ? s.lastAt.toISOString() : null,
        hasAccount: !!r.userId,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  };
}

export const CUSTOMER_ORDERS_PAGE_SIZE = 50;

/**
 * All of one customer's live orders, newest first, in keyset pages on (placed_at, id) over
 * orders_customer_placed_idx: where the profile's "all orders" link leads.
 */
export async function listCustomerOrders({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'read:customer:any');
  const f = parseInput(CustomerOrdersInput, input);
  const db = await getDb();
  const [c] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(eq(customers.id, f.id))
    .limit(1);
  if (!c) throw new NotFoundError('customer');
  const page = newestFirst(orders.placedAt, orders.id, f.cursor);
  const rows = await db
    .select({
      key: page.key,
      id: orders.id,
      orderNo: orders.orderNo,
      channel: orders.channel,
      status: orders.status,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      currency: orders.currency,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .where(and(eq(orders.customerId, f.id), sql`${orders.deletedAt} is null`, page.where))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(CUSTOMER_ORDERS_PAGE_SIZE + 1);
  const p = toPage(rows, CUSTOMER_ORDERS_PAGE_SIZE, page.cursorOf);
  return {
    customer: c,
    nextCursor: p.nextCursor,
    items: p.items.map((o) => ({
      orderNo: o.orderNo,
      channel: o.channel,
      status: o.status,
      totalCents: Number(o.totalCents),
      refundedCents: Number(o.refundedCents),
      currency: o.currency,
      placedAt: o.placedAt.toISOString(),
    })),
  };
}
