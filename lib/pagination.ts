import { z } from 'zod';

/**
 * Keyset pagination. A cursor is the sort key of the last row seen, opaque to the browser
 * (base64url JSON). Pages are fetched with `limit + 1` rows to learn whether another page exists,
 * so no page ever needs COUNT(*) or OFFSET over a large table.
 */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const CursorParam = z.string().max(200).optional();

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor edited by hand decodes to null and the list simply starts from the top. */
export function decodeCursor(
  cursor: string | undefined | null,
  shape: ('string' | 'number')[],
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== shape.length) return null;
    return value.every((v, i) => typeof v === shape[i]) ? (value as (string | number)[]) : null;
  } catch {
    return null;
  }
}

export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
