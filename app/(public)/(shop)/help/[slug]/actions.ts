'use server';

import { runAction, type ActionResult } from '@/lib/actions';
import { recordArticleFeedback, recordArticleView } from '@/lib/help/reader';

/**
 * What a reader does on an article page, without signing in. Both verbs validate their input and
 * rate-limit per address themselves; these only run them and translate the answer.
 */

export type ArticleFeedbackPayload = {
  articleId: string;
  locale: string;
  helpful: boolean;
  missingReason?: string;
  comment?: string;
};

/** "Was this helpful?" — yes, or no with what was missing. */
export async function articleFeedbackAction(input: ArticleFeedbackPayload): Promise<ActionResult<{ id: number }>> {
  return runAction((ctx) => recordArticleFeedback({ ctx, input }));
}

export type ArticleViewPayload = {
  articleId: string;
  locale: string;
  surface: 'help' | 'request';
  suggestionId?: string;
};

/**
 * The page's view beacon. A view from the request form's suggestion link names its suggestion
 * session; the verb records that only on the reader's own session.
 */
export async function articleViewAction(input: ArticleViewPayload): Promise<void> {
  await runAction((ctx) => recordArticleView({ ctx, input }));
}
