import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { feedback, feedbackTagLinks } from '@/db/schema';
import { activeRules } from './taxonomy';
import { applyKeywordRules, words } from './text';

type NewFeedback = Omit<typeof feedback.$inferInsert, 'id' | 'words' | 'categoryId' | 'classifiedBy'>;

/**
 * Stores one piece of feedback with its first classification (the keyword rules) and its words
 * for the statistics, in the caller's transaction.
 */
export async function insertFeedback(
  tx: Tx,
  values: NewFeedback,
): Promise<{ id: number; categoryId: string | null; tagIds: string[] }> {
  const comment = values.comment ?? '';
  const { categoryId, tagIds } = comment
    ? applyKeywordRules(comment, await activeRules(tx))
    : { categoryId: null, tagIds: [] };
  const [row] = await tx
    .insert(feedback)
    .values({
      ...values,
      comment,
      words: comment ? [...new Set(words(comment))] : [],
      categoryId,
      classifiedBy: categoryId || tagIds.length ? 'rule' : null,
    })
    .returning({ id: feedback.id });
  if (tagIds.length) await tx.insert(feedbackTagLinks).values(tagIds.map((tagId) => ({ feedbackId: row!.id, tagId })));
  return { id: row!.id, categoryId, tagIds };
}

/** A customer rewrote their comment: new words, and the rules run again unless staff classified it. */
export async function rewriteComment(
  tx: Tx,
  row: { id: number; classifiedBy: string | null },
  comment: string,
): Promise<{ categoryId?: string | null }> {
  const patch: Partial<typeof feedback.$inferInsert> = { comment, words: [...new Set(words(comment))] };
  if (row.classifiedBy !== 'staff') {
    const { categoryId, tagIds } = applyKeywordRules(comment, await activeRules(tx));
    Object.assign(patch, { categoryId, classifiedBy: categoryId || tagIds.length ? 'rule' : null });
    await tx.delete(feedbackTagLinks).where(eq(feedbackTagLinks.feedbackId, row.id));
    if (tagIds.length) await tx.insert(feedbackTagLinks).values(tagIds.map((tagId) => ({ feedbackId: row.id, tagId })));
  }
  await tx.update(feedback).set(patch).where(eq(feedback.id, row.id));
  return { categoryId: patch.categoryId };
}
