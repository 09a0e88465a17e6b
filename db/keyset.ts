import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { decodeCursor } from '@/lib/pagination';

/**
 * Newest-first keyset paging on (timestamp, id), shared by the simple lists (outbox,
 * notifications, users, feedback). The cursor carries the timestamp as PostgreSQL prints it,
 * microseconds included: a JS Date would round to milliseconds and skip rows written in the same
 * millisecond. Ids are bigints (`number`) or uuids.
 */
export function newestFirst(
  at: AnyColumn,
  id: AnyColumn,
  cursor: string | null | undefined,
  idKind: 'number' | 'uuid' = 'number',
) {
  const after = decodeCursor(cursor, ['string', idKind === 'number' ? 'number' : 'string']);
  const idValue = after ? (idKind === 'uuid' ? sql`${after[1]}::uuid` : sql`${after[1]}`) : undefined;
  return {
    /** Select this as `key` and pass it to `cursorOf`. */
    key: sql<string>`${at}::text`,
    where: after ? (sql`(${at}, ${id}) < (${after[0]}::timestamptz, ${idValue})` as SQL) : undefined,
    cursorOf: (row: { key: string; id: number | string }) => [row.key, row.id] as (string | number)[],
  };
}
