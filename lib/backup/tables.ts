import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';

/** Identifiers come from the catalog, but are quoted anyway: no name is ever spliced in raw. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type TableInfo = { name: string; columns: string[]; orderBy: string[] };

/**
 * Every table of the application schema with its stored (non-generated) columns and the columns
 * that order its rows: the primary key, or every column for a table without one. Sorted by name
 * so that two dumps of the same data are the same bytes.
 */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const cols = rowsOf<{ table: string; column: string; generated: string; pk_pos: number | null }>(
    await db.execute(sql`
      select c.relname as table, a.attname as column, a.attgenerated::text as generated,
             array_position(i.indkey::int2[], a.attnum) as pk_pos
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_index i on i.indrelid = c.oid and i.indisprimary
      where c.relkind = 'r'
      order by c.relname, a.attnum`),
  );
  const tables = new Map<string, { columns: string[]; pk: { col: string; pos: number }[]; all: string[] }>();
  for (const r of cols) {
    const t = tables.get(r.table) ?? { columns: [], pk: [], all: [] };
    tables.set(r.table, t);
    if (r.generated !== '') continue;
    t.columns.push(r.column);
    if (r.pk_pos !== null && r.pk_pos !== undefined) t.pk.push({ col: r.column, pos: Number(r.pk_pos) });
  }
  return [...tables.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, t]) => ({
      name,
      columns: t.columns,
      orderBy: t.pk.length > 0 ? t.pk.sort((a, b) => a.pos - b.pos).map((p) => p.col) : t.columns,
    }));
}

/** Every sequence of the schema and where it stands (null: never used). */
export async function listSequences(db: Queryable): Promise<{ name: string; lastValue: string | null }[]> {
  return rowsOf<{ name: string; last_value: string | null }>(
    await db.execute(
      sql`select sequencename as name, last_value::text as last_value from pg_sequences where schemaname = 'public' order by sequencename`,
    ),
  ).map((r) => ({ name: r.name, lastValue: r.last_value }));
}

/** Session settings that fix how COPY writes values, so that checksums compare across runs and servers. */
export const OUTPUT_SETTINGS = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, YMD'`,
  `set local intervalstyle = 'postgres'`,
  `set local extra_float_digits = 3`,
  `set local bytea_output = 'hex'`,
];

export const copyOutQuery = (t: TableInfo) =>
  `copy (select ${t.columns.map(ident).join(', ')} from ${ident(t.name)} order by ${t.orderBy.map(ident).join(', ')}) to stdout`;
