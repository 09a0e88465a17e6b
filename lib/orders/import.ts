import 'server-only';
import { parse } from 'csv-parse';
import { and, eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { getDb } from '@/db/client';
import { importJobs, orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { IMPORT_COLUMNS, lineIndexOf, REQUIRED_IMPORT_COLUMNS, rowsToOrderInput, type CsvRow } from './csv';
import { insertOrder } from './mutations';
import { CreateOrderInput } from './schemas';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

import type { ImportProgress, ImportResult, RejectedRow } from '@/lib/imports/types';
export type { ImportProgress, ImportResult, RejectedRow };

/**
 * Imports orders from a CSV stream, reporting progress as it goes. Each order is validated and
 * written in its own transaction, so a bad row rejects only its own order and never leaves half
 * of one; an order already imported (same channel + external_id) is skipped, so importing the same
 * file twice changes nothing.
 */
export async function* importOrdersCsv({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { fileName: string; body: AsyncIterable<Uint8Array> | Readable; options?: Record<string, boolean> };
}): AsyncGenerator<ImportProgress, ImportResult> {
  const actor = authorize(ctx.actor, 'import:order:any');
  const fileName = input.fileName.slice(0, 200) || 'orders.csv';
  const progress: ImportProgress = { rows: 0, imported: 0, updated: 0, skipped: 0, rejected: 0 };
  const report: RejectedRow[] = [];
  const db = await getDb();

  const parser = (input.body instanceof Readable ? input.body : Readable.from(input.body)).pipe(
    parse({ bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, max_record_size: 64 * 1024, relax_quotes: false }),
  );

  let group: { key: string; line: number; rows: CsvRow[] } | null = null;
  const reject = (line: number, externalId: string, field: string, code: string) => {
    report.push({ line, externalId, field, code });
  };

  const flush = async (g: NonNullable<typeof group>) => {
    const externalId = g.rows[0]?.external_id ?? '';
    let data;
    try {
      data = parseInput(CreateOrderInput, rowsToOrderInput(g.rows));
      if (!data.externalId) throw new ValidationError({ externalId: ['required'] });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const [field, codes] of Object.entries(err.fieldErrors)) reject(g.line + lineIndexOf(field), externalId, field, codes[0] ?? 'invalid');
      progress.rejected++;
      return;
    }
    const [existing] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.channel, data.channel), eq(orders.externalId, data.externalId!)))
      .limit(1);
    if (existing) {
      progress.skipped++;
      return;
    }
    try {
      await transaction((tx) => insertOrder(tx, ctx, data, 'imported'));
      progress.imported++;
    } catch (err) {
      if (err instanceof ValidationError) {
        for (const [field, codes] of Object.entries(err.fieldErrors)) reject(g.line + lineIndexOf(field), externalId, field, codes[0] ?? 'invalid');
      } else if (err instanceof AppError) {
        reject(g.line, externalId, '', err.code);
      } else {
        throw err;
      }
      progress.rejected++;
    }
  };

  let checkedHeader = false;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (!checkedHeader) {
        const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !(c in record));
        if (missing.length) throw new AppError('csv_missing_columns', undefined, { columns: missing.join(', ') });
        checkedHeader = true;
      }
      progress.rows++;
      if (progress.rows > MAX_IMPORT_ROWS) throw new AppError('csv_too_many_rows', undefined, { max: MAX_IMPORT_ROWS });
      const line = progress.rows + 1; // the header is line 1
      const row = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record[c]])) as CsvRow;
      const key = `${row.channel ?? ''}\u0000${row.external_id ?? ''}`;
      if (group && group.key === key) {
        group.rows.push(row);
      } else {
        if (group) await flush(group);
        group = { key, line, rows: [row] };
      }
      if (progress.rows % 50 === 0) yield { ...progress };
    }
    if (group) await flush(group);
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      // csv-parse: unbalanced quotes, ragged rows … — the file itself is malformed at that line.
      throw new AppError('csv_malformed', undefined, { line: e.lines ?? progress.rows + 1 });
    }
    throw err;
  }
  if (!checkedHeader) throw new AppError('csv_empty');

  const jobId = await transaction(async (tx) => {
    const [job] = await tx
      .insert(importJobs)
      .values({ userId: actor.userId, fileName, totalRows: progress.rows, imported: progress.imported, skipped: progress.skipped, rejected: progress.rejected, report })
      .returning({ id: importJobs.id });
    await recordAudit(tx, ctx, { action: 'order.import', entityType: 'import', entityId: job!.id, after: { fileName, ...progress } });
    return job!.id;
  });
  return { ...progress, jobId, report };
}

/** The rejected rows of an import, for its owner or anyone who may import. */
export async function getImportReport({ ctx, input }: { ctx: Ctx; input: { jobId: string } }) {
  authorize(ctx.actor, 'import:order:any');
  if (!/^[0-9a-f-]{36}$/i.test(input.jobId)) throw new NotFoundError('import');
  const db = await getDb();
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, input.jobId)).limit(1);
  if (!job) throw new NotFoundError('import');
  return job;
}
