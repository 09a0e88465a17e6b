import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { emailOutbox, jobs } from '@/db/schema';
import { env, resetEnvCache } from '@/lib/env';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { uniqueEmail } from '@/test/factories';
import { outboxMessageId, queueEmail } from './outbox';
import { resetMailTransport } from './transport';

type Delivery = { to: string; messageId: string | undefined };

/**
 * A real SMTP server on a random loopback port. After a message's data arrives it is counted, then
 * the server waits `delayMs` (a slow mail server) and runs `beforeReply` before answering 250: the
 * client's send is still in progress during both.
 */
async function startSink(opts: {
  delayMs?: () => number;
  beforeReply?: (d: Delivery) => Promise<void>;
  onDelivery?: () => void;
}) {
  const deliveries: Delivery[] = [];
  /** Failed expectations inside `beforeReply`, kept to be reported by the test (not as an SMTP error). */
  const errors: unknown[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        const d = {
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1],
        };
        deliveries.push(d);
        opts.onDelivery?.();
        setTimeout(() => {
          void (opts.beforeReply?.(d) ?? Promise.resolve()).then(
            () => callback(),
            (err: unknown) => {
              errors.push(err);
              callback();
            },
          );
        }, opts.delayMs?.() ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetEnvCache();
  resetMailTransport();
  sinks.push(server);
  return { deliveries, errors };
}

const sinks: SMTPServer[] = [];
afterEach(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  resetMailTransport();
  await Promise.all(sinks.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** Queues `n` e-mails the way the app does; returns their outbox rows and delivery-job keys. */
async function queueMails(n: number) {
  const db = await getDb();
  const to = Array.from({ length: n }, () => uniqueEmail('outbox'));
  for (const address of to) {
    await db.transaction((tx) =>
      queueEmail(tx, { to: address, subject: 'Your request', text: 'Hello', html: '<p>Hello</p>' }),
    );
  }
  const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.toAddress, to)).orderBy(emailOutbox.id);
  return { rows, keys: rows.map((r) => `email:${r.id}`) };
}

async function outboxRows(ids: number[]) {
  const db = await getDb();
  return db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids)).orderBy(emailOutbox.id);
}

async function jobOf(key: string) {
  const db = await getDb();
  const [job] = await db.select().from(jobs).where(eq(jobs.dedupeKey, key));
  return job!;
}

describe('e-mail delivery with several workers', () => {
  it('sends each of 22 messages exactly once with two workers, a slow SMTP server and a lease shorter than the run', async () => {
    // Progress is an event, not a clock: a worker with nothing due waits until a message reaches
    // the server or the other worker finishes a round, then looks again (as the runner's tick would).
    let tick = 0;
    const waiters: (() => void)[] = [];
    const bump = () => {
      tick++;
      for (const wake of waiters.splice(0)) wake();
    };
    const changedSince = (seen: number) =>
      tick !== seen ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));

    const { deliveries } = await startSink({ delayMs: () => 200 + Math.random() * 200, onDelivery: bump });
    const { rows, keys } = await queueMails(22);
    const ids = rows.map((r) => r.id);
    // 22 sends of 200–400 ms take several seconds: when one worker claimed a batch of 20 under a
    // 2 s lease, the other re-claimed the rest of that batch once the lease ran out and sent it again.
    // (Short enough to prove the point, long enough that a busy test machine's pauses do not.)
    const leaseMs = 2000;
    const allSent = async () => (await outboxRows(ids)).every((r) => r.status === 'sent');
    const worker = async () => {
      let ran = 0;
      for (;;) {
        const seen = tick;
        const n = await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys, leaseMs });
        ran += n;
        if (n > 0) {
          bump();
          continue;
        }
        if (await allSent()) {
          bump();
          return ran;
        }
        // Only real progress wakes a waiting worker: PGlite answers in microtasks, so a worker
        // polling in a loop would never let timers (heartbeats, the SMTP delay) run.
        await changedSince(seen);
      }
    };
    const started = Date.now();
    const ran = await Promise.all([worker(), worker()]);
    expect(Date.now() - started).toBeGreaterThan(leaseMs);

    expect(deliveries).toHaveLength(22);
    expect(new Set(deliveries.map((d) => d.to))).toEqual(new Set(rows.map((r) => r.toAddress)));
    // Both workers took part, and no job ran twice.
    expect(ran[0]! + ran[1]!).toBe(22);
    expect(Math.min(...ran)).toBeGreaterThan(0);
    const after = await outboxRows(ids);
    expect(after.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
    // Each message carries the Message-ID of its outbox row, so receivers can drop a copy too.
    const from = env().MAIL_FROM;
    expect(new Set(deliveries.map((d) => d.messageId))).toEqual(new Set(after.map((r) => outboxMessageId(r, from))));
    const db = await getDb();
    const done = await db.select().from(jobs).where(inArray(jobs.dedupeKey, keys));
    expect(done.every((j) => j.doneAt !== null && j.attempts === 1 && j.lockToken === null)).toBe(true);
  });

  it('keeps renewing the lease of a job that runs longer than it, so another worker cannot claim it', async () => {
    const leaseMs = 400;
    let key = '';
    const seenBySecondWorker: number[] = [];
    // The server answers only after several leases have passed; meanwhile a second worker tries.
    const sink = await startSink({
      delayMs: () => 4 * leaseMs,
      beforeReply: async () => {
        seenBySecondWorker.push(await runDueJobs(JOB_HANDLERS, { dedupeKeys: [key], leaseMs }));
        const db = await getDb();
        const [held] = await db
          .select({ live: sql<boolean>`${jobs.lockedUntil} > now()` })
          .from(jobs)
          .where(eq(jobs.dedupeKey, key));
        expect(held!.live).toBe(true);
      },
    });
    const { rows, keys } = await queueMails(1);
    key = keys[0]!;
    expect(await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys, leaseMs })).toBe(1);
    expect(sink.errors).toEqual([]);
    expect(seenBySecondWorker).toEqual([0]);
    expect(sink.deliveries).toHaveLength(1);
    expect((await outboxRows([rows[0]!.id]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await jobOf(key)).toMatchObject({ attempts: 1, lockToken: null });
    expect((await jobOf(key)).doneAt).not.toBeNull();
  });

  it('does not send again when a worker whose lease was lost is still sending, and finishes the job later', async () => {
    let key = '';
    const secondRun: number[] = [];
    const sink = await startSink({
      beforeReply: async () => {
        // The first worker is mid-send. Its lease runs out (a stalled process) and a second worker
        // claims the same job: it must find the message being sent and leave it alone.
        const db = await getDb();
        await db
          .update(jobs)
          .set({ lockedUntil: sql`now() - interval '1 second'` })
          .where(eq(jobs.dedupeKey, key));
        secondRun.push(await runDueJobs(JOB_HANDLERS, { dedupeKeys: [key] }));
        const job = await jobOf(key);
        // Deferred, without using up an attempt, until the first worker's claim would run out.
        expect(job).toMatchObject({ attempts: 1, lockToken: null, doneAt: null, failedAt: null });
        expect(job.lastError).toMatch(/being sent by another worker/);
        expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
      },
    });
    const { rows, keys } = await queueMails(1);
    key = keys[0]!;
    const id = rows[0]!.id;
    expect(await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys })).toBe(1);
    expect(sink.errors).toEqual([]);
    expect(secondRun).toEqual([1]);
    expect(sink.deliveries).toHaveLength(1);
    expect((await outboxRows([id]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    // The first worker's lease was taken over, so it did not record the job's outcome; the
    // deferred retry does, without sending.
    expect((await jobOf(key)).doneAt).toBeNull();
    const db = await getDb();
    await db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.dedupeKey, key));
    expect(await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys })).toBe(1);
    expect(sink.deliveries).toHaveLength(1);
    expect((await jobOf(key)).doneAt).not.toBeNull();
  });

  it('takes over a message a dead worker was sending once its claim runs out, with the same Message-ID', async () => {
    const { deliveries } = await startSink({});
    const { rows, keys } = await queueMails(1);
    const row = rows[0]!;
    const db = await getDb();
    const mine = eq(emailOutbox.id, row.id);
    // A worker claimed the message and died: while its claim lasts, nobody else sends.
    await db
      .update(emailOutbox)
      .set({ claimToken: randomUUID(), claimedUntil: sql`now() + interval '1 hour'` })
      .where(mine);
    expect(await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys })).toBe(1);
    expect(deliveries).toHaveLength(0);
    const deferred = await jobOf(keys[0]!);
    expect(deferred.runAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(deferred).toMatchObject({ attempts: 0, doneAt: null });

    await db
      .update(emailOutbox)
      .set({ claimedUntil: sql`now() - interval '1 second'` })
      .where(mine);
    await db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.id, deferred.id));
    expect(await runDueJobs(JOB_HANDLERS, { dedupeKeys: keys })).toBe(1);
    expect(deliveries).toEqual([{ to: row.toAddress, messageId: outboxMessageId(row, env().MAIL_FROM) }]);
    expect((await outboxRows([row.id]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
