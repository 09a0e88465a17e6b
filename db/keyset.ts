import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { decodeCursor } from '@/lib/pagination';

/**
 * Newest-first keyset paging on (timestamp, id), shared by the simple lists (outbox,
 * notifications). The cursor carries the timestamp as PostgreSQL prints it, microseconds
 * included: a JS Date would round to milliseconds and skip rows written in the same millisecond.
 */
export function newestFirst(at: AnyColumn, id: AnyColumn, cursor: string | null | undefined) {
  const after = decodeCursor(cursor, ['string', 'number']);
  return {
    /** Select this as `key` and pass it to `cursorOf`. */
    key: sql<string>`${at}::text`,
    where: after ? (sql`(${at}, ${id}) < (${after[0]}::timestamptz, ${after[1]})` as SQL) : undefined,
    cursorOf: (row: { key: string; id: number }) => [row.key, row.id] as (string | number)[],
  };
}
