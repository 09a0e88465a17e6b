import 'server-only';
import type { Readable } from 'node:stream';
import { importJobs } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, type Permission } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, ValidationError } from '@/lib/errors';
import { readCsvGroups, type CsvGroup, type CsvRecord } from './csv-reader';
import { MAX_REPORT_ROWS, type ImportKind, type ImportProgress, type ImportResult, type RejectedRow } from './types';

/** What an importer tells the run about each group it handled. */
export type ImportSink = {
  imported(n?: number): void;
  updated(n?: number): void;
  skipped(n?: number): void;
  /** One rejected group (counted once), with one report line per problem. */
  reject(problems: Omit<RejectedRow, 'externalId'>[], externalId: string): void;
};

export type ImportSpec<C extends string> = {
  kind: ImportKind;
  permission: Permission;
  columns: readonly C[];
  required: readonly C[];
  /** Adjacent rows with the same key form one group (the lines of one order). */
  groupKey?: (row: CsvRecord<C>) => string;
  /** Groups handed to `handle` at once: large for set-wise writers, small for row-wise ones. */
  batchSize?: number;
  /** Writes a batch. Each group must end up imported, updated, skipped or rejected. */
  handle: (batch: CsvGroup<C>[], sink: ImportSink) => Promise<void>;
  /** Runs once after the last batch (rollups, derived figures). */
  finish?: () => Promise<void>;
  /** Waits for writes a handler left running (it may overlap one batch's write with the next's checks). */
  drain?: () => Promise<void>;
};

/**
 * The loop every CSV import shares: authorise, stream the file in batches, report progress after
 * each batch, then record the job (counts and rejected rows) with its audit event in one
 * transaction. Importers only decide how a batch is validated and written.
 */
export async function* runCsvImport<C extends string>(
  ctx: Ctx,
  spec: ImportSpec<C>,
  input: { fileName: string; body: AsyncIterable<Uint8Array> | Readable; options?: Record<string, boolean> },
): AsyncGenerator<ImportProgress, ImportResult> {
  const actor = authorize(ctx.actor, spec.permission);
  const fileName = input.fileName.slice(0, 200) || `${spec.kind}.csv`;
  const progress: ImportProgress = { rows: 0, imported: 0, updated: 0, skipped: 0, rejected: 0 };
  const report: RejectedRow[] = [];
  const sink: ImportSink = {
    imported: (n = 1) => void (progress.imported += n),
    updated: (n = 1) => void (progress.updated += n),
    skipped: (n = 1) => void (progress.skipped += n),
    reject: (problems, externalId) => {
      progress.rejected++;
      for (const p of problems) if (report.length < MAX_REPORT_ROWS) report.push({ ...p, externalId });
    },
  };
  const size = spec.batchSize ?? 50;
  let batch: CsvGroup<C>[] = [];
  try {
    for await (const group of readCsvGroups(input.body, {
      columns: spec.columns,
      required: spec.required,
      groupKey: spec.groupKey,
      onRow: () => progress.rows++,
    })) {
      batch.push(group);
      if (batch.length >= size) {
        await spec.handle(batch, sink);
        batch = [];
        yield { ...progress };
      }
    }
    if (batch.length) await spec.handle(batch, sink);
    await spec.drain?.();
  } catch (err) {
    // A malformed line further down, or a failed write: let a write still running end first.
    await spec.drain?.().catch(() => undefined);
    throw err;
  }
  await spec.finish?.();
  // Importers validate a batch in phases (format, then lookups): the report reads in file order.
  report.sort((a, b) => a.line - b.line);

  const options = input.options ?? {};
  const jobId = await transaction(async (tx) => {
    const [job] = await tx
      .insert(importJobs)
      .values({
        userId: actor.userId,
        kind: spec.kind,
        options,
        fileName,
        totalRows: progress.rows,
        imported: progress.imported + progress.updated,
        skipped: progress.skipped,
        rejected: progress.rejected,
        report,
      })
      .returning({ id: importJobs.id });
    await recordAudit(tx, ctx, {
      action: `${spec.kind === 'orders' ? 'order' : spec.kind.replace(/s$/, '')}.import`,
      entityType: 'import',
      entityId: job!.id,
      after: { fileName, options, ...progress },
    });
    return job!.id;
  });
  return { ...progress, jobId, report };
}

/**
 * Turns a validation or domain error of one group into report lines, naming CSV columns.
 * `columnOf` maps a field path of the input (`items.1.sku`) to its column and the line offset of
 * the row it came from; anything else is rethrown (a bug or an outage is not a bad row).
 */
export function problemsOf(
  err: unknown,
  line: number,
  columnOf: (path: string) => { column: string; offset?: number },
): Omit<RejectedRow, 'externalId'>[] {
  if (err instanceof ValidationError) {
    return Object.entries(err.fieldErrors).map(([path, codes]) => {
      const { column, offset = 0 } = columnOf(path);
      return { line: line + offset, field: column, code: codes[0] ?? 'invalid' };
    });
  }
  if (err instanceof AppError) {
    return [{ line, field: '', code: err.code, ...(Object.keys(err.params).length ? { params: err.params } : {}) }];
  }
  throw err;
}
