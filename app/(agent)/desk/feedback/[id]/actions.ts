'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { followUpFeedback, openCaseFromFeedback, updateFeedback } from '@/lib/feedback/mutations';
import { getT } from '@/lib/i18n/server';

function revalidate(id: unknown) {
  revalidatePath(`/desk/feedback/${String(id)}`);
  revalidatePath('/desk/feedback');
}

/** Category, tags (`tagIds[]`), status and owner from the classification form. */
export async function updateFeedbackAction(_prev: ActionResult<{ version: number }> | null, form: FormData) {
  const t = await getT();
  const input = formToObject(form);
  const result = await runAction(
    (ctx) => updateFeedback({ ctx, input }),
    () => t('feedbackDesk.detail.saved'),
  );
  if (result.ok) revalidate(input.id);
  return result;
}

export type FollowUpState = ActionResult<{ version: number }> & { values?: { dueDate: string; note: string } };

/** Returns what was typed on failure, so the form (reset by React after an action) shows it again. */
export async function followUpAction(_prev: FollowUpState | null, form: FormData): Promise<FollowUpState> {
  const t = await getT();
  const input = formToObject(form);
  const result = await runAction(
    (ctx) => followUpFeedback({ ctx, input }),
    () => t('feedbackDesk.followUp.saved'),
  );
  if (!result.ok)
    return { ...result, values: { dueDate: String(input.dueDate ?? ''), note: String(input.note ?? '') } };
  revalidate(input.id);
  return result;
}

export async function openCaseAction(input: { id: number; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => openCaseFromFeedback({ ctx, input }),
    (r) => t('feedbackDesk.openCase.done', { caseNo: r.caseNo }),
  );
  if (result.ok) revalidate(input.id);
  return result;
}
