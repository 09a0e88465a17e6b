import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from './client';
import { rowsOf } from './rows';

type Cell = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

/** One cell of a PostgreSQL array literal: quoted and escaped, or NULL. */
function element(v: Cell): string {
  if (v === null || v === undefined) return 'NULL';
  const s =
    v instanceof Date
      ? v.toISOString()
      : typeof v === 'boolean'
        ? v
          ? 't'
          : 'f'
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A column's values as one array literal (`{"a",NULL,"b"}`), sent as a single text parameter. */
export function pgArray(values: Cell[]): string {
  return `{${values.map(element).join(',')}}`;
}

export type UnnestColumn = { name: string; type: string };

/**
 * INSERT … SELECT FROM unnest(…): a multi-row insert with one parameter per column instead of one
 * per cell. For bulk writers (the history import) this keeps statements small for the server to
 * parse and cheap for the ORM to build — drizzle's builder spent more time on a 500-row VALUES list
 * than PostgreSQL spent inserting it. Every value travels as text and is cast to the column type.
 */
export async function insertUnnest<R = Record<string, unknown>>(
  db: Queryable,
  table: string,
  columns: UnnestColumn[],
  rows: Cell[][],
  returning?: string[],
): Promise<R[]> {
  if (!rows.length) return [];
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const arrays = sql.join(
    columns.map((c, i) => sql`${pgArray(rows.map((r) => r[i]))}::text[]::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  const ret: SQL = returning?.length ? sql` returning ${sql.raw(returning.map((r) => `"${r}"`).join(', '))}` : sql``;
  const result = await db.execute(
    sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${arrays})${ret}`,
  );
  return rowsOf<R>(result);
}
