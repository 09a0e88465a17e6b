import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/** One shop day: its date and its bounds as timestamptz text. */
export type DayBounds = { day: string; start: string; end: string };

/** A rollup table and how to insert one day's rows into it (its old rows are already deleted). */
export type Recompute = { table: string; insert: (tx: Tx, d: DayBounds) => Promise<unknown> };

/** `col` falls on the day. */
export const onDay = (col: SQL, d: DayBounds): SQL =>
  sql`(${col} >= ${d.start}::timestamptz and ${col} < ${d.end}::timestamptz)`;
