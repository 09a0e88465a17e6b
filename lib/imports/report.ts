import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { importJobs } from '@/db/schema';
import { authorize, type Permission } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import type { Translate } from '@/lib/i18n/translate';
import { csvLine } from '@/lib/orders/csv';
import type { ImportKind, RejectedRow } from './types';

/** Who may import (and read the report of) each kind of file. */
export const IMPORT_PERMISSION: Record<ImportKind, Permission> = {
  orders: 'import:order:any',
  products: 'import:product:any',
  customers: 'import:customer:any',
  reviews: 'import:review:any',
};

/** An import job with its rejected rows, for anyone who may run that kind of import. */
export async function getImportJob({ ctx, input }: { ctx: Ctx; input: { jobId: string } }) {
  if (!ctx.actor) authorize(ctx.actor, 'import:order:any');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.jobId))
    throw new NotFoundError('import');
  const db = await getDb();
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, input.jobId)).limit(1);
  if (!job) throw new NotFoundError('import');
  authorize(ctx.actor, IMPORT_PERMISSION[job.kind as ImportKind] ?? 'import:order:any');
  return job;
}

/** A rejected row's reason in the reader's language: a field message first, then a general error. */
export function reasonOf(t: Translate, r: Pick<RejectedRow, 'code' | 'params'>): string {
  return t.dynamic(`validation.${r.code}`, r.params, t.dynamic(`errors.${r.code}`, r.params, r.code));
}

/** The report as a CSV file (UTF-8 with BOM, so spreadsheets open it right). */
export function reportCsv(t: Translate, rows: RejectedRow[]): string {
  let body = '\uFEFF' + csvLine(['line', 'reference', 'column', 'reason_code', 'reason']);
  for (const r of rows) body += csvLine([r.line, r.externalId, r.field, r.code, reasonOf(t, r)]);
  return body;
}
