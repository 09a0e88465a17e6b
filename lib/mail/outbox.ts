import 'server-only';
import { and, desc, eq, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { getDb } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { RetryLater, type JobContext } from '@/lib/jobs/worker';
import { enqueueJob } from '@/lib/jobs/queue';
import { newestFirst } from '@/db/keyset';
import { toPage, type Page } from '@/lib/pagination';
import { mailTransport } from './transport';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; caseId?: number | null };

/**
 * Writes an e-mail to the outbox and queues its delivery, with the caller's transaction: the
 * message exists only if the change it reports commits, and sending happens afterwards, so a slow
 * or broken mail server can never hold up or undo that change.
 */
export async function queueEmail(tx: Queryable, mail: OutgoingEmail): Promise<void> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      caseId: mail.caseId ?? null,
    })
    .returning({ id: emailOutbox.id });
  await enqueueJob(tx, 'email.send', { outboxId: row!.id }, { dedupeKey: `email:${row!.id}` });
}

/**
 * A Message-ID fixed by the outbox row, so every attempt at one message carries the same id and a
 * receiver that sees it twice (a worker died after the server accepted it, before the row was
 * marked sent) can drop the copy. The row's creation time keeps ids apart across databases whose
 * outbox ids restart at 1 (a fresh demo, a second shop); the domain is the sender's.
 */
export function outboxMessageId(mail: { id: number; createdAt: Date }, from: string): string {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? 'afterdesk.local';
  return `<outbox-${mail.id}.${mail.createdAt.getTime().toString(36)}@${domain}>`;
}

/** A message nobody is sending right now: never claimed, or claimed by a worker that died. */
const claimFree = or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, sql`now()`));
const sendable = and(notInArray(emailOutbox.status, ['sent', 'stored']), claimFree);

/**
 * Job handler: delivers one outbox message over SMTP, or files it as stored when SMTP is not set up.
 * The send is keyed by the outbox row, not by the job: the row is claimed with a conditional UPDATE
 * (token and expiry, renewed with the job's lease) before the SMTP conversation starts, so a second
 * worker handed the same job — after a lost lease, or a duplicate job — finds it sent or being sent
 * and does not send it again. A retry after a crash takes the row over only once the dead worker's
 * claim has run out (one lease).
 */
export async function deliverEmail(payload: Record<string, unknown>, job: JobContext): Promise<void> {
  const db = await getDb();
  const id = Number(payload.outboxId);
  const transport = mailTransport();
  if (!transport) {
    await db
      .update(emailOutbox)
      .set({ status: 'stored' })
      .where(and(eq(emailOutbox.id, id), sendable));
    return;
  }
  if (job.signal.aborted) throw new Error('job lease lost before sending');
  const [mail] = await db
    .update(emailOutbox)
    .set({ claimToken: job.token, claimedUntil: sql`now() + ${`${job.leaseMs} milliseconds`}::interval` })
    .where(and(eq(emailOutbox.id, id), sendable))
    .returning();
  if (!mail) {
    const [current] = await db
      .select({
        status: emailOutbox.status,
        wait: sql<number>`greatest(1, ceil(extract(epoch from ${emailOutbox.claimedUntil} - now())))::int`,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, id));
    // Gone, sent or stored: nothing left to do, and doing nothing is what makes a repeat harmless.
    if (!current || current.status === 'sent' || current.status === 'stored') return;
    throw new RetryLater(`e-mail ${id} is being sent by another worker`, Number(current.wait));
  }
  job.onRenew(async () => {
    const renewed = await db
      .update(emailOutbox)
      .set({ claimedUntil: sql`now() + ${`${job.leaseMs} milliseconds`}::interval` })
      .where(
        and(
          eq(emailOutbox.id, id),
          eq(emailOutbox.claimToken, job.token),
          notInArray(emailOutbox.status, ['sent', 'stored']),
        ),
      )
      .returning({ id: emailOutbox.id });
    return renewed.length > 0;
  });
  const release = { claimToken: null, claimedUntil: null };
  const from = env().MAIL_FROM;
  try {
    await transport.sendMail({
      from,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      messageId: outboxMessageId(mail, from),
    });
  } catch (err) {
    await db
      .update(emailOutbox)
      .set({
        status: job.final ? 'failed' : 'queued',
        attempts: sql`${emailOutbox.attempts} + 1`,
        lastError: (err as Error).message.slice(0, 500),
        ...release,
      })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.claimToken, job.token)));
    throw err;
  }
  // Sent is a fact whoever holds the claim now: record it unconditionally, so no one sends it again.
  await db
    .update(emailOutbox)
    .set({
      status: 'sent',
      sentAt: new Date(),
      attempts: sql`${emailOutbox.attempts} + 1`,
      lastError: null,
      claimedUntil: null,
    })
    .where(and(eq(emailOutbox.id, id), ne(emailOutbox.status, 'sent')));
}

export type OutboxItemDto = {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** Admins read every message the system wrote, newest first (keyset on created_at, id). */
export async function listOutbox({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { cursor?: string | null };
}): Promise<Page<OutboxItemDto>> {
  authorize(ctx.actor, 'read:outbox:any');
  const db = await getDb();
  const keyset = newestFirst(emailOutbox.createdAt, emailOutbox.id, input.cursor);
  const rows = await db
    .select({ row: emailOutbox, key: keyset.key })
    .from(emailOutbox)
    .where(keyset.where)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(26);
  const page = toPage(rows, 25, (r) => keyset.cursorOf({ key: r.key, id: r.row.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ row: r }) => ({
      id: r.id,
      to: r.toAddress,
      subject: r.subject,
      text: r.textBody,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}
