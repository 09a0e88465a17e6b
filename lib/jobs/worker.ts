import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { jobs } from '@/db/schema';
import { logger } from '@/lib/log';
import { enqueueJob, retryDelaySeconds, type JobKind } from './queue';

export type JobContext = {
  id: number;
  attempt: number;
  final: boolean;
  now: Date;
  /**
   * Names this claim of the job (a new one on every claim). A handler that claims a record of its
   * own (the outbox row of an e-mail) keys that claim by it, so a later claim can tell "mine" from
   * "another worker's, still running".
   */
  token: string;
  /** How long the lease lasts without renewal; a handler's own claims should expire with it. */
  leaseMs: number;
  /** Aborted once the heartbeat finds the lease taken over: start no further side effect. */
  signal: AbortSignal;
  /**
   * Runs `renew` on every heartbeat, after the job's lease is renewed, so a claim the handler took
   * lasts exactly as long as the job's. `renew` resolving to false means that claim was lost.
   */
  onRenew: (renew: () => Promise<boolean>) => void;
};
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

/**
 * Thrown by a handler that cannot run yet through no fault of its own (another worker is still
 * busy with the same record): the job comes back after `seconds` without using up an attempt.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly seconds: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

type ClaimedJob = {
  id: number;
  kind: JobKind;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/**
 * How long a claimed job is hidden from other workers unless its heartbeat renews it (every third
 * of it). A crashed worker's job reappears one lease after the last heartbeat.
 */
const DEFAULT_LEASE_MS = 2 * 60_000;

const leaseInterval = (ms: number) => sql`${`${Math.max(1, Math.round(ms))} milliseconds`}::interval`;

/**
 * Claims due jobs one at a time, up to `limit`, and runs each before claiming the next, renewing its
 * lease on a heartbeat while the handler runs. Safe with several workers and app instances: SKIP
 * LOCKED hands each job to one claimer, the lease returns it to the queue if that claimer dies, and
 * every write of the job's outcome is conditional on the claim's token, so a worker whose lease ran
 * out (a stalled process) cannot overwrite the new owner's result. Claiming one job at a time means
 * no job waits, leased but untouched, behind slow ones. Returns how many jobs ran (successfully or not).
 */
export async function runDueJobs(
  handlers: Partial<Record<JobKind, JobHandler>>,
  opts: {
    limit?: number;
    now?: Date;
    /** Only these jobs (tests on a shared database). */
    dedupeKeys?: string[];
    /** Lease length; tests use a short one to prove the heartbeat instead of waiting minutes. */
    leaseMs?: number;
  } = {},
): Promise<number> {
  if (opts.dedupeKeys && opts.dedupeKeys.length === 0) return 0;
  const only = opts.dedupeKeys
    ? sql`and dedupe_key in ${sql`(${sql.join(
        opts.dedupeKeys.map((k) => sql`${k}`),
        sql`, `,
      )})`}`
    : sql``;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const db = await getDb();
  const limit = opts.limit ?? 20;
  let ran = 0;
  while (ran < limit) {
    const token = randomUUID();
    const [job] = rowsOf<ClaimedJob>(
      await db.execute(sql`
        update jobs set locked_until = now() + ${leaseInterval(leaseMs)}, attempts = attempts + 1, lock_token = ${token}::uuid
        where id = (
          select id from jobs
          where done_at is null and failed_at is null and run_at <= now()
            and (locked_until is null or locked_until < now()) ${only}
          order by run_at
          limit 1
          for update skip locked)
        returning id, kind, payload, attempts, max_attempts`),
    );
    if (!job) break;
    ran++;
    await runClaimed(db, handlers[job.kind], job, token, leaseMs, opts.now);
  }
  return ran;
}

async function runClaimed(
  db: Db,
  handler: JobHandler | undefined,
  job: ClaimedJob,
  token: string,
  leaseMs: number,
  now: Date | undefined,
) {
  const id = Number(job.id);
  const final = job.attempts >= job.max_attempts;
  const mine = and(eq(jobs.id, id), eq(jobs.lockToken, token));
  const heartbeat = startHeartbeat(db, id, token, leaseMs);
  let settled: { id: number }[];
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job.payload ?? {}, {
      id,
      attempt: job.attempts,
      final,
      now: now ?? new Date(),
      token,
      leaseMs,
      signal: heartbeat.signal,
      onRenew: heartbeat.onRenew,
    });
    await heartbeat.stop();
    settled = await db
      .update(jobs)
      .set({ doneAt: sql`now()`, lockedUntil: null, lockToken: null, lastError: null })
      .where(mine)
      .returning({ id: jobs.id });
  } catch (err) {
    await heartbeat.stop();
    const message = (err as Error).message?.slice(0, 1000) ?? String(err);
    if (err instanceof RetryLater) {
      logger.info({ job: { id, kind: job.kind, attempt: job.attempts }, err: { message } }, 'job deferred');
      settled = await db
        .update(jobs)
        .set({
          runAt: sql`now() + ${`${Math.max(1, Math.ceil(err.seconds))} seconds`}::interval`,
          attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
          lockedUntil: null,
          lockToken: null,
          lastError: message,
        })
        .where(mine)
        .returning({ id: jobs.id });
    } else {
      logger.warn(
        { job: { id, kind: job.kind, attempt: job.attempts }, err: { message } },
        final ? 'job failed for good' : 'job failed; will retry',
      );
      settled = await db
        .update(jobs)
        .set(
          final
            ? { failedAt: sql`now()`, lockedUntil: null, lockToken: null, lastError: message }
            : {
                runAt: sql`now() + ${`${retryDelaySeconds(job.attempts)} seconds`}::interval`,
                lockedUntil: null,
                lockToken: null,
                lastError: message,
              },
        )
        .where(mine)
        .returning({ id: jobs.id });
    }
  }
  if (settled.length === 0) {
    // The lease ran out and another worker claimed the job: its outcome is that worker's to record.
    logger.warn(
      { job: { id, kind: job.kind, attempt: job.attempts } },
      'job lease lost before it finished; left to its new owner',
    );
  }
}

/** Renews a job's lease every third of its length while the handler runs; aborts when it was lost. */
function startHeartbeat(db: Db, id: number, token: string, leaseMs: number) {
  const controller = new AbortController();
  const renewals: (() => Promise<boolean>)[] = [];
  let inFlight: Promise<void> | undefined;
  const beat = async () => {
    const renewed = rowsOf<{ id: number }>(
      await db.execute(
        sql`update jobs set locked_until = now() + ${leaseInterval(leaseMs)} where id = ${id} and lock_token = ${token}::uuid returning id`,
      ),
    );
    let held = renewed.length > 0;
    for (const renew of renewals) if (held) held = await renew();
    if (!held) controller.abort(new Error(`lease of job ${id} was lost`));
  };
  const timer = setInterval(
    () => {
      if (inFlight || controller.signal.aborted) return;
      inFlight = beat()
        // A failed renewal (database briefly away) is not a lost lease; the fenced writes decide.
        .catch((err) =>
          logger.warn({ job: { id }, err: { message: (err as Error).message } }, 'job lease renewal failed'),
        )
        .finally(() => {
          inFlight = undefined;
        });
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  timer.unref?.();
  return {
    signal: controller.signal,
    onRenew: (renew: () => Promise<boolean>) => void renewals.push(renew),
    /** Stops renewing; waits for a renewal in flight so none lands after the job is settled. */
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** Periodic work, queued at most once per slot whichever instance gets there first. */
const SCHEDULE: { kind: JobKind; everyMinutes: number }[] = [
  { kind: 'sla.scan', everyMinutes: 1 },
  { kind: 'cases.autoclose', everyMinutes: 15 },
  { kind: 'attachments.sweep', everyMinutes: 60 },
  { kind: 'feedback.nps', everyMinutes: 60 },
  // Dashboards follow changes within a minute (docs/decisions/0007).
  { kind: 'analytics.rollup', everyMinutes: 1 },
  // Makes a backup when the admin's interval has passed, verifies it, prunes, alerts (lib/backup/job.ts).
  { kind: 'backup.scheduled', everyMinutes: 15 },
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
