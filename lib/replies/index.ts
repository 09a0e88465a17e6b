import 'server-only';
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cannedReplies } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { unknownVariables } from './variables';

/**
 * Canned replies: saved answers that agents insert into a case reply and adjust before sending.
 * Every agent and supervisor reads them; only supervisors (manage:reply:any) keep them.
 */

export const REPLY_TITLE_MAX = 80;
export const REPLY_BODY_MAX = 5000;
/** The picker and the list page show every reply; a team that keeps more than this has a different problem. */
export const REPLIES_LIST_LIMIT = 200;

export type CannedReplyDto = { id: string; title: string; body: string; bodyEn: string | null; updatedAt: Date };

const idField = z.uuid('not_found');
const titleField = z.string().trim().min(1, 'required').max(REPLY_TITLE_MAX, 'too_long');
// Line breaks inside the body are kept; only the surrounding whitespace goes.
const bodyField = z
  .string()
  .trim()
  .min(1, 'required')
  .max(REPLY_BODY_MAX, 'too_long')
  .refine((b) => unknownVariables(b).length === 0, 'unknown_variable');

export const ListCannedRepliesInput = z.object({ q: z.string().trim().max(100, 'too_long').optional() }).default({});
// The English text is optional: empty means the reply exists in Chinese only.
const bodyEnField = z
  .string()
  .trim()
  .max(REPLY_BODY_MAX, 'too_long')
  .refine((b) => unknownVariables(b).length === 0, 'unknown_variable')
  .optional()
  .transform((v) => (v ? v : null));
export const CreateCannedReplyInput = z.object({ title: titleField, body: bodyField, bodyEn: bodyEnField });
export const UpdateCannedReplyInput = z.object({
  id: idField,
  title: titleField,
  body: bodyField,
  bodyEn: bodyEnField,
});
export const DeleteCannedReplyInput = z.object({ id: idField });

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Replies visible to the actor (shared ones and their own), by title, optionally filtered by title or text. */
export async function listCannedReplies({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<CannedReplyDto[]> {
  const actor = authorize(ctx.actor, 'read:case:any');
  const { q } = parseInput(ListCannedRepliesInput, input ?? {});
  const db = await getDb();
  const visible = or(eq(cannedReplies.shared, true), eq(cannedReplies.ownerId, actor.userId));
  const pattern = q ? `%${escapeLike(q)}%` : null;
  return db
    .select({
      id: cannedReplies.id,
      title: cannedReplies.title,
      body: cannedReplies.body,
      bodyEn: cannedReplies.bodyEn,
      updatedAt: cannedReplies.updatedAt,
    })
    .from(cannedReplies)
    .where(
      pattern ? and(visible, or(ilike(cannedReplies.title, pattern), ilike(cannedReplies.body, pattern))) : visible,
    )
    .orderBy(asc(cannedReplies.title), asc(cannedReplies.id))
    .limit(REPLIES_LIST_LIMIT);
}

export async function createCannedReply({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  const actor = authorize(ctx.actor, 'manage:reply:any');
  const data = parseInput(CreateCannedReplyInput, input);
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(cannedReplies)
      .values({ title: data.title, body: data.body, bodyEn: data.bodyEn, ownerId: actor.userId, shared: true })
      .returning({ id: cannedReplies.id });
    await recordAudit(tx, ctx, {
      action: 'reply.create',
      entityType: 'canned_reply',
      entityId: row!.id,
      after: { title: data.title, body: data.body, bodyEn: data.bodyEn },
    });
    return row!;
  });
}

export async function updateCannedReply({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, 'manage:reply:any');
  const data = parseInput(UpdateCannedReplyInput, input);
  return transaction(async (tx) => {
    const [before] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, data.id)).for('update');
    if (!before) throw new NotFoundError('canned_reply');
    await tx
      .update(cannedReplies)
      .set({ title: data.title, body: data.body, bodyEn: data.bodyEn, updatedAt: new Date() })
      .where(eq(cannedReplies.id, data.id));
    await recordAudit(tx, ctx, {
      action: 'reply.update',
      entityType: 'canned_reply',
      entityId: data.id,
      before: { title: before.title, body: before.body, bodyEn: before.bodyEn },
      after: { title: data.title, body: data.body, bodyEn: data.bodyEn },
    });
    return { id: data.id };
  });
}

export async function deleteCannedReply({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:reply:any');
  const { id } = parseInput(DeleteCannedReplyInput, input);
  await transaction(async (tx) => {
    const [row] = await tx.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning();
    if (!row) throw new NotFoundError('canned_reply');
    await recordAudit(tx, ctx, {
      action: 'reply.delete',
      entityType: 'canned_reply',
      entityId: id,
      before: { title: row.title, body: row.body },
    });
  });
}
