import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { jobs } from '@/db/schema';
import { logger } from '@/lib/log';
import { enqueueJob, retryDelaySeconds, type JobKind } from './queue';

export type JobContext = { id: number; attempt: number; final: boolean; now: Date };
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

type ClaimedJob = { id: number; kind: JobKind; payload: Record<string, unknown>; attempts: number; max_attempts: number };

/** How long a claimed job is hidden from other workers; a crashed worker's job reappears after it. */
const LEASE = '2 minutes';

/**
 * Claims up to `limit` due jobs and runs them one after another. Safe with several workers and app
 * instances: SKIP LOCKED hands each job to one claimer, and the lease returns it to the queue if
 * that claimer dies. Returns how many jobs ran (successfully or not).
 */
export async function runDueJobs(
  handlers: Partial<Record<JobKind, JobHandler>>,
  opts: { limit?: number; now?: Date; /** Only these jobs (tests on a shared database). */ dedupeKeys?: string[] } = {},
): Promise<number> {
  if (opts.dedupeKeys && opts.dedupeKeys.length === 0) return 0;
  const only = opts.dedupeKeys ? sql`and dedupe_key in ${sql`(${sql.join(opts.dedupeKeys.map((k) => sql`${k}`), sql`, `)})`}` : sql``;
  const db = await getDb();
  const claimed = rowsOf<ClaimedJob>(
    await db.execute(sql`
      update jobs set locked_until = now() + ${LEASE}::interval, attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and failed_at is null and run_at <= now()
          and (locked_until is null or locked_until < now()) ${only}
        order by run_at
        limit ${opts.limit ?? 20}
        for update skip locked)
      returning id, kind, payload, attempts, max_attempts`),
  );
  for (const job of claimed) {
    const handler = handlers[job.kind];
    const final = job.attempts >= job.max_attempts;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload ?? {}, { id: Number(job.id), attempt: job.attempts, final, now: opts.now ?? new Date() });
      await db.update(jobs).set({ doneAt: sql`now()`, lockedUntil: null, lastError: null }).where(eq(jobs.id, Number(job.id)));
    } catch (err) {
      const message = (err as Error).message?.slice(0, 1000) ?? String(err);
      logger.warn({ job: { id: job.id, kind: job.kind, attempt: job.attempts }, err: { message } }, final ? 'job failed for good' : 'job failed; will retry');
      await db
        .update(jobs)
        .set(
          final
            ? { failedAt: sql`now()`, lockedUntil: null, lastError: message }
            : { runAt: sql`now() + ${`${retryDelaySeconds(job.attempts)} seconds`}::interval`, lockedUntil: null, lastError: message },
        )
        .where(and(eq(jobs.id, Number(job.id))));
    }
  }
  return claimed.length;
}

/** Periodic work, queued at most once per slot whichever instance gets there first. */
const SCHEDULE: { kind: JobKind; everyMinutes: number }[] = [
  { kind: 'sla.scan', everyMinutes: 1 },
  { kind: 'cases.autoclose', everyMinutes: 15 },
  { kind: 'attachments.sweep', everyMinutes: 60 },
  { kind: 'feedback.nps', everyMinutes: 60 },
  // Dashboards follow changes within a minute (docs/decisions/0007).
  { kind: 'analytics.rollup', everyMinutes: 1 },
];

export async function schedulePeriodicJobs(now: Date = new Date()): Promise<void> {
  const db = await getDb();
  for (const s of SCHEDULE) {
    const slot = Math.floor(now.getTime() / (s.everyMinutes * 60_000));
    await enqueueJob(db, s.kind, {}, { dedupeKey: `${s.kind}:${slot}`, maxAttempts: 3 });
  }
  // Finished periodic jobs are only markers for their slot: keep a day of them.
  await db.execute(sql`delete from jobs where done_at < now() - interval '1 day' and kind <> 'email.send'`);
}
