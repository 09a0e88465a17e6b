'use server';

import { formToObject, runAction } from '@/lib/actions';
import { answerSurvey } from '@/lib/feedback/surveys';
import type { SurveyAnswerState } from '@/components/feedback/survey-form';

/**
 * Answers a survey from its e-mailed link, without signing in: the signed token in the form is
 * the authority (answerSurvey verifies it). No score posted means none chosen, never 0.
 */
export async function answerSurveyByLinkAction(
  _prev: SurveyAnswerState | null,
  form: FormData,
): Promise<SurveyAnswerState> {
  const raw = formToObject(form);
  return runAction((ctx) =>
    answerSurvey({ ctx, input: { token: raw.token, score: raw.score || undefined, comment: raw.comment } }),
  );
}
