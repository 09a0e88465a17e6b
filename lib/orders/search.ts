import 'server-only';
import { eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { customers, orderItems, orders } from '@/db/schema';
import { normalizePhone, phoneHashes } from '@/lib/crypto';
import { env } from '@/lib/env';
import type { OrderFilters } from './schemas';

/**
 * The order search box and filters as SQL. A search is built from its mode (chosen by the field or
 * guessed from the text) and its bound values — either the values themselves or placeholders of
 * the same names, so the list's prepared statements (statements.ts) share this SQL.
 */
const ORDER_NO = /^SO\d{8,}$/i;
const PHONE_LIKE = /^\+?[\d\s-]{7,20}$/;

export type SearchMode = 'orderNo' | 'phone' | 'tracking' | 'sku' | 'customer' | 'phoneOrTracking' | 'any' | 'anyShort';

export function searchModeOf(q: string, field: OrderFilters['field']): SearchMode | null {
  if (!q) return null;
  if (field !== 'auto') return field;
  if (ORDER_NO.test(q)) return 'orderNo';
  if (PHONE_LIKE.test(q) && normalizePhone(q).length === 11) return 'phoneOrTracking';
  // A one-character name would match too many customers, so names need two.
  return q.length >= 2 ? 'any' : 'anyShort';
}

/** What a search binds. Phones carry two hashes: both keys' while a key rotation re-encrypts (docs/keys.md). */
export type SearchValues = { q: unknown; orderNo: unknown; namePrefix: unknown; hash1: unknown; hash2: unknown };

export function searchValues(q: string, mode: SearchMode): SearchValues {
  const [hash1, hash2 = hash1] = mode === 'phone' || mode === 'phoneOrTracking' ? phoneHashes(q) : [null];
  return { q, orderNo: q.toUpperCase(), namePrefix: `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, hash1, hash2 };
}

export const SEARCH_PLACEHOLDERS: SearchValues = {
  q: sql.placeholder('q'),
  orderNo: sql.placeholder('orderNo'),
  namePrefix: sql.placeholder('namePrefix'),
  hash1: sql.placeholder('hash1'),
  hash2: sql.placeholder('hash2'),
};

/** Exact matches on indexed columns. */
export function searchSql(mode: SearchMode, v: SearchValues): SQL {
  const bySku = sql`${orders.id} in (select ${orderItems.orderId} from ${orderItems} where ${orderItems.sku} = ${v.q})`;
  const byPhone = sql`${orders.recipientPhoneHash} in (${v.hash1}, ${v.hash2})`;
  switch (mode) {
    case 'orderNo':
      return sql`${orders.orderNo} = ${v.orderNo}`;
    case 'phone':
      return byPhone;
    case 'tracking':
      return sql`${orders.trackingNo} = ${v.q}`;
    case 'sku':
      return bySku;
    case 'customer':
      return sql`${orders.customerId} in (select ${customers.id} from ${customers} where ${customers.name} like ${v.namePrefix})`;
    case 'phoneOrTracking':
      return sql`(${byPhone} or ${orders.trackingNo} = ${v.q})`;
    case 'any':
    case 'anyShort': {
      // A union of indexed id lookups (an OR across tables would scan every order).
      const byName =
        mode === 'any'
          ? sql` union all select o2.id from ${orders} o2 where o2.customer_id in (select ${customers.id} from ${customers} where ${customers.name} like ${v.namePrefix})`
          : sql``;
      return sql`${orders.id} in (select o1.id from ${orders} o1 where o1.tracking_no = ${v.q}
        union all select o1.id from ${orders} o1 where o1.external_id = ${v.q}
        union all select ${orderItems.orderId} from ${orderItems} where ${orderItems.sku} = ${v.q}${byName})`;
    }
  }
}

/** Whether only the search (or nothing) narrows the list, in the default order: a prepared shape. */
export function isPlainSearch(f: OrderFilters): boolean {
  return (
    !f.status &&
    !f.channel &&
    !f.from &&
    !f.to &&
    f.min === undefined &&
    f.max === undefined &&
    f.sort === 'placed_desc'
  );
}

/** The WHERE of the order list and the CSV export: access, search and every filter. */
export function filterWhere(f: OrderFilters, access: SQL): (SQL | undefined)[] {
  const tz = env().SHOP_TIMEZONE;
  const mode = searchModeOf(f.q, f.field);
  const where: (SQL | undefined)[] = [access, mode ? searchSql(mode, searchValues(f.q, mode)) : undefined];
  if (f.status) where.push(eq(orders.status, f.status));
  if (f.channel) where.push(eq(orders.channel, f.channel));
  if (f.from) where.push(gte(orders.placedAt, sql`(${f.from}::date)::timestamp at time zone ${tz}`));
  if (f.to) where.push(lt(orders.placedAt, sql`((${f.to}::date) + 1)::timestamp at time zone ${tz}`));
  if (f.min !== undefined) where.push(gte(orders.totalCents, f.min));
  if (f.max !== undefined) where.push(lte(orders.totalCents, f.max));
  return where;
}
