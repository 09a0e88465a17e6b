import { desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { backupRuns } from '@/db/schema';

export type RunKind = 'backup' | 'verify';
export type RunTrigger = 'schedule' | 'cli' | 'admin';

/** Starts the record of a backup or a verify; finished by finishRun, whatever the outcome. */
export async function startRun(
  db: Queryable,
  kind: RunKind,
  trigger: RunTrigger,
  opts: { archive?: string; requestedBy?: string | null } = {},
): Promise<string> {
  const [row] = await db
    .insert(backupRuns)
    .values({ kind, trigger, archive: opts.archive ?? null, requestedBy: opts.requestedBy ?? null })
    .returning({ id: backupRuns.id });
  return row!.id;
}

export async function finishRun(
  db: Queryable,
  id: string,
  outcome: {
    ok: boolean;
    archive?: string;
    sizeBytes?: number;
    rows?: number;
    blobs?: number;
    manifestSha256?: string;
    error?: string;
  },
): Promise<void> {
  await db
    .update(backupRuns)
    .set({
      status: outcome.ok ? 'succeeded' : 'failed',
      finishedAt: sql`now()`,
      ...(outcome.archive ? { archive: outcome.archive } : {}),
      sizeBytes: outcome.sizeBytes ?? null,
      rows: outcome.rows ?? null,
      blobs: outcome.blobs ?? null,
      manifestSha256: outcome.manifestSha256 ?? null,
      error: outcome.error?.slice(0, 2000) ?? null,
    })
    .where(eq(backupRuns.id, id));
}

export type LastRuns = { backup: typeof backupRuns.$inferSelect | null; verify: typeof backupRuns.$inferSelect | null };

/** The newest successful backup and the newest successful verify. */
export async function lastSuccessfulRuns(db: Queryable): Promise<LastRuns> {
  const last = async (kind: RunKind) =>
    (
      await db
        .select()
        .from(backupRuns)
        .where(sql`${backupRuns.kind} = ${kind} and ${backupRuns.status} = 'succeeded'`)
        .orderBy(desc(backupRuns.startedAt))
        .limit(1)
    )[0] ?? null;
  return { backup: await last('backup'), verify: await last('verify') };
}
