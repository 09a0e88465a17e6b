import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable, type Tx } from '@/db/client';
import { attachments, caseMessages, cases } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import { caseAccessWhere } from '@/lib/cases/policy';
import type { Ctx } from '@/lib/context';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { requestLogger } from '@/lib/log';
import { parseInput } from '@/lib/validation';
import { checkFile, MAX_ATTACHMENTS_PER_MESSAGE } from './sniff';
import { BlobNotFoundError, blobStore } from './storage';

import type { AttachmentDto } from './dto';

export type { AttachmentDto };

/** Uploads not yet sent with a message or request; more than this waiting is refused (disk abuse). */
const MAX_PENDING_PER_USER = 30;

/**
 * Stores one uploaded file for the signed-in user, unlinked until a case or message claims it.
 * The content decides the type; the bytes go to the blob store first and are removed again if
 * the database row cannot be written, so nothing is left half-stored.
 */
export async function uploadAttachment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { name: string; bytes: Uint8Array };
}): Promise<AttachmentDto> {
  const actor = ctx.actor;
  if (!can(actor, 'update:case:any')) authorize(actor, 'act:case:own');
  const check = checkFile(input.name, input.bytes);
  if (!check.ok) throw new ValidationError({ file: [check.code] }, check.code);
  const db = await getDb();
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, actor!.userId), isNull(attachments.caseId)));
  if (Number(pending?.n ?? 0) >= MAX_PENDING_PER_USER)
    throw new ValidationError({ file: ['too_many_pending_uploads'] }, 'too_many_pending_uploads');

  const store = blobStore();
  const storageKey = await store.put(input.bytes);
  try {
    return await transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({
          uploaderId: actor!.userId,
          fileName: check.name,
          contentType: check.type,
          sizeBytes: input.bytes.byteLength,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          storageKey,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'attachment.upload',
        entityType: 'attachment',
        entityId: row!.id,
        after: { name: check.name, type: check.type, size: row!.sizeBytes },
      });
      return { id: row!.id, name: row!.fileName, type: row!.contentType, size: row!.sizeBytes, messageId: null };
    });
  } catch (err) {
    await store.delete(storageKey).catch(() => {});
    throw err;
  }
}

export const AttachmentIds = z
  .array(z.uuid('attachment_invalid'))
  .max(MAX_ATTACHMENTS_PER_MESSAGE, 'too_many_attachments')
  .default([]);

/**
 * Links the actor's own pending uploads to a case (and message), in the caller's transaction. Any
 * id that is not the actor's, already used or unknown fails the whole change.
 */
export async function claimAttachments(
  tx: Tx,
  uploaderId: string,
  ids: readonly string[],
  target: { caseId: number; messageId?: number | null },
): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return 0;
  const claimed = await tx
    .update(attachments)
    .set({ caseId: target.caseId, messageId: target.messageId ?? null })
    .where(and(inArray(attachments.id, unique), eq(attachments.uploaderId, uploaderId), isNull(attachments.caseId)))
    .returning({ id: attachments.id });
  if (claimed.length !== unique.length) throw new ValidationError({ attachments: ['attachment_invalid'] });
  return claimed.length;
}

/** A case's attachments the viewer may see (customers never see files on internal notes). */
export async function caseAttachments(
  db: Queryable,
  /** The case's id, or a subquery for it (the case page reads everything at once). */
  caseId: number | SQL,
  includeInternal: boolean,
): Promise<AttachmentDto[]> {
  const rows = await db
    .select({ a: attachments, internal: caseMessages.internal })
    .from(attachments)
    .leftJoin(caseMessages, eq(caseMessages.id, attachments.messageId))
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt));
  return rows
    .filter((r) => includeInternal || !r.internal)
    .map(({ a }) => ({ id: a.id, name: a.fileName, type: a.contentType, size: a.sizeBytes, messageId: a.messageId }));
}

/**
 * The bytes of one attachment for the download route. Visible to its uploader, to staff, and to
 * the customer whose case it belongs to unless it sits on an internal note; anyone else gets
 * "not found", the same answer as for an id that does not exist.
 */
export async function readAttachment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: unknown };
}): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  const parsed = z.uuid().safeParse(input.id);
  if (!parsed.success) throw new NotFoundError('attachment');
  const db = await getDb();
  const [row] = await db
    .select({ a: attachments, internal: caseMessages.internal, caseNo: cases.caseNo })
    .from(attachments)
    .leftJoin(caseMessages, eq(caseMessages.id, attachments.messageId))
    .leftJoin(cases, and(eq(cases.id, attachments.caseId), caseAccessWhere(actor)))
    .where(eq(attachments.id, parsed.data));
  if (!row) throw new NotFoundError('attachment');
  const staff = can(actor, 'read:case:any');
  const mine = row.a.uploaderId === actor.userId;
  const visible = mine || (row.caseNo !== null && (staff || !row.internal));
  if (!visible) throw new NotFoundError('attachment');
  const store = blobStore();
  try {
    return { name: row.a.fileName, type: row.a.contentType, bytes: await store.get(row.a.storageKey) };
  } catch (err) {
    if (!(err instanceof BlobNotFoundError)) throw err;
    // The row outlived its bytes (a lost disk, a partial restore): the reader gets "not found"
    // rather than an error page, and the operator one line with the id to look into.
    requestLogger(ctx.requestId).warn(
      { attachment: { id: row.a.id }, store: store.describe() },
      'attachment bytes missing from the blob store',
    );
    throw new NotFoundError('attachment');
  }
}

export const parseAttachmentIds = (input: unknown) =>
  parseInput(z.object({ attachments: AttachmentIds }), { attachments: input }).attachments;

/** Job: forgets uploads never sent with anything within a day, bytes included. */
export async function sweepPendingAttachments(): Promise<number> {
  const db = await getDb();
  const stale = await db
    .delete(attachments)
    .where(and(isNull(attachments.caseId), lt(attachments.createdAt, sql`now() - interval '1 day'`)))
    .returning({ storageKey: attachments.storageKey });
  for (const s of stale) await blobStore().delete(s.storageKey);
  return stale.length;
}
