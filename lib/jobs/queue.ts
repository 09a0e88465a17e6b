import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { jobs } from '@/db/schema';

export type JobKind =
  | 'email.send'
  | 'sla.scan'
  | 'cases.autoclose'
  | 'attachments.sweep'
  | 'feedback.nps'
  | 'analytics.rollup'
  | 'backup.scheduled';

/**
 * Queues background work with the caller's transaction handle: the job exists only if the change
 * that asked for it commits. A `dedupeKey` already queued (or done) makes this a no-op.
 */
export async function enqueueJob(
  tx: Queryable,
  kind: JobKind,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      kind,
      payload,
      runAt: opts.runAt ?? sql`now()`,
      dedupeKey: opts.dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? 8,
    })
    .onConflictDoNothing();
}

/** Seconds before retry n (1-based): 30s, 1m, 2m, 4m … capped at one hour. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}
