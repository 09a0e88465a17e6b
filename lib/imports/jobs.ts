import 'server-only';
import { desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { importJobs, users } from '@/db/schema';
import { can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { UnauthenticatedError, ForbiddenError } from '@/lib/errors';
import { IMPORT_PERMISSION } from './report';
import { IMPORT_KINDS, type ImportKind } from './types';

export type ImportJobRow = {
  id: string;
  kind: ImportKind;
  fileName: string;
  createdAt: Date;
  by: string | null;
  options: Record<string, boolean>;
  totalRows: number;
  imported: number;
  skipped: number;
  rejected: number;
};

/** The kinds of file this actor may import. */
export function importableKinds(ctx: Ctx): ImportKind[] {
  return IMPORT_KINDS.filter((k) => can(ctx.actor, IMPORT_PERMISSION[k]));
}

/** The latest imports of the kinds the actor may import (everyone's: imports are team work). */
export async function listImportJobs({ ctx }: { ctx: Ctx }): Promise<ImportJobRow[]> {
  if (!ctx.actor) throw new UnauthenticatedError();
  const kinds = importableKinds(ctx);
  if (!kinds.length) throw new ForbiddenError('import:order:any');
  const db = await getDb();
  const rows = await db
    .select({
      id: importJobs.id,
      kind: importJobs.kind,
      fileName: importJobs.fileName,
      createdAt: importJobs.createdAt,
      by: users.name,
      options: importJobs.options,
      totalRows: importJobs.totalRows,
      imported: importJobs.imported,
      skipped: importJobs.skipped,
      rejected: importJobs.rejected,
    })
    .from(importJobs)
    .leftJoin(users, eq(users.id, importJobs.userId))
    .where(inArray(importJobs.kind, kinds))
    .orderBy(desc(importJobs.createdAt))
    .limit(20);
  return rows.map((r) => ({ ...r, kind: r.kind as ImportKind }));
}
