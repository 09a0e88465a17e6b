'use server';

import { revalidatePath } from 'next/cache';
import type { SurveyAnswerState } from '@/components/feedback/survey-form';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { editOwnFeedback, submitFeedback } from '@/lib/feedback/mutations';
import { answerSurvey } from '@/lib/feedback/surveys';
import { getT } from '@/lib/i18n/server';

export type FeedbackFormState = ActionResult<unknown>;

/** A signed-in customer answers one of their surveys in the portal (case page, survey page). */
export async function answerSurveyAction(_prev: SurveyAnswerState | null, form: FormData): Promise<SurveyAnswerState> {
  const raw = formToObject(form);
  // No score posted means none chosen, never 0.
  const result = await runAction((ctx) =>
    answerSurvey({ ctx, input: { surveyId: raw.surveyId, score: raw.score || undefined, comment: raw.comment } }),
  );
  // The home card, the case page and the feedback list all show the survey's state.
  if (result.ok) revalidatePath('/portal', 'layout');
  return result;
}

export async function submitFeedbackAction(
  _prev: FeedbackFormState | null,
  form: FormData,
): Promise<FeedbackFormState> {
  const t = await getT();
  const result = await runAction(
    (ctx) => submitFeedback({ ctx, input: formToObject(form) }),
    () => t('feedbackPortal.submitted'),
  );
  if (result.ok) revalidatePath('/portal/feedback');
  return result;
}

export async function editFeedbackAction(_prev: FeedbackFormState | null, form: FormData): Promise<FeedbackFormState> {
  const t = await getT();
  const result = await runAction(
    (ctx) => editOwnFeedback({ ctx, input: formToObject(form) }),
    () => t('feedbackPortal.saved'),
  );
  if (result.ok) revalidatePath('/portal/feedback');
  return result;
}
