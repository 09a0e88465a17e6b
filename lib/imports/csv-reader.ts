import 'server-only';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors';
import { MAX_IMPORT_ROWS } from './types';

export type CsvRecord<C extends string> = Partial<Record<C, string>>;
export type CsvGroup<C extends string> = { line: number; rows: CsvRecord<C>[] };

/**
 * Reads a CSV upload as groups of rows: one row each, or — with `groupKey` — the adjacent rows
 * sharing a key (the lines of one order). Header names are trimmed and case-insensitive; unknown
 * columns are dropped; a missing required column, a malformed file (with its line), an empty file
 * or too many rows is an AppError before anything is written for the offending part.
 */
export async function* readCsvGroups<C extends string>(
  body: AsyncIterable<Uint8Array> | Readable,
  opts: { columns: readonly C[]; required: readonly C[]; groupKey?: (row: CsvRecord<C>) => string; onRow?: () => void },
): AsyncGenerator<CsvGroup<C>> {
  const parser = (body instanceof Readable ? body : Readable.from(body)).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      max_record_size: 64 * 1024,
      relax_quotes: false,
    }),
  );
  let rows = 0;
  let group: (CsvGroup<C> & { key: string }) | null = null;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (rows === 0) {
        const missing = opts.required.filter((c) => !(c in record));
        if (missing.length) throw new AppError('csv_missing_columns', undefined, { columns: missing.join(', ') });
      }
      rows++;
      if (rows > MAX_IMPORT_ROWS) throw new AppError('csv_too_many_rows', undefined, { max: MAX_IMPORT_ROWS });
      opts.onRow?.();
      const line = rows + 1; // the header is line 1
      const row = {} as CsvRecord<C>;
      for (const c of opts.columns) if (record[c] !== undefined) row[c] = record[c];
      const key = opts.groupKey ? opts.groupKey(row) : String(line);
      if (group && group.key === key) {
        group.rows.push(row);
      } else {
        if (group) yield { line: group.line, rows: group.rows };
        group = { key, line, rows: [row] };
      }
    }
    if (group) yield { line: group.line, rows: group.rows };
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      // csv-parse: unbalanced quotes, ragged rows … — the file itself is malformed at that line.
      throw new AppError('csv_malformed', undefined, { line: e.lines ?? rows + 1 });
    }
    throw err;
  }
  if (rows === 0) throw new AppError('csv_empty');
}

/** A trimmed cell, or undefined when blank. */
export const cell = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();
