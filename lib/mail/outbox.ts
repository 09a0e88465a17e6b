import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { getDb } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import type { JobContext } from '@/lib/jobs/worker';
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
    .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, caseId: mail.caseId ?? null })
    .returning({ id: emailOutbox.id });
  await enqueueJob(tx, 'email.send', { outboxId: row!.id }, { dedupeKey: `email:${row!.id}` });
}

/** Job handler: delivers one outbox message over SMTP, or files it as stored when SMTP is not set up. */
export async function deliverEmail(payload: Record<string, unknown>, job: JobContext): Promise<void> {
  const db = await getDb();
  const id = Number(payload.outboxId);
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!mail || mail.status === 'sent' || mail.status === 'stored') return;
  const transport = mailTransport();
  if (!transport) {
    await db.update(emailOutbox).set({ status: 'stored' }).where(eq(emailOutbox.id, id));
    return;
  }
  try {
    await transport.sendMail({ from: env().MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
    await db.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(emailOutbox.id, id));
  } catch (err) {
    await db
      .update(emailOutbox)
      .set({ status: job.final ? 'failed' : 'queued', attempts: mail.attempts + 1, lastError: (err as Error).message.slice(0, 500) })
      .where(eq(emailOutbox.id, id));
    throw err;
  }
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
export async function listOutbox({ ctx, input }: { ctx: Ctx; input: { cursor?: string | null } }): Promise<Page<OutboxItemDto>> {
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
