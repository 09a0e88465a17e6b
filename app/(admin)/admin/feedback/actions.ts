'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { deleteRule, saveCategory, saveRule, saveTag, updateFeedbackSettings } from '@/lib/feedback/taxonomy';
import { getT } from '@/lib/i18n/server';

const PATH = '/admin/feedback';

/** Arguments of a server action come from the browser: only these two words pick another message. */
const toggleWord = (v: unknown) => (v === 'activated' || v === 'deactivated' ? v : 'saved');

export type LabelKind = 'category' | 'tag';

/**
 * Creates or edits a category or tag. `toggled` says the save only switched it on or off, for the
 * message; the verb still receives the whole label and checks everything.
 */
export async function saveLabelAction(
  kind: LabelKind,
  input: Record<string, unknown>,
  toggled?: 'activated' | 'deactivated',
) {
  const t = await getT();
  const ns = kind === 'category' ? 'categories' : 'tags';
  const verb = kind === 'category' ? saveCategory : saveTag;
  const result = await runAction(
    (ctx) => verb({ ctx, input }),
    () => t(`feedbackAdmin.${ns}.${toggleWord(toggled)}`),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function saveRuleAction(input: Record<string, unknown>, toggled?: 'activated' | 'deactivated') {
  const t = await getT();
  const result = await runAction(
    (ctx) => saveRule({ ctx, input }),
    () => t(`feedbackAdmin.rules.${toggleWord(toggled)}`),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function deleteRuleAction(id: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deleteRule({ ctx, input: { id } }),
    () => t('feedbackAdmin.rules.deleted'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function updateFeedbackSettingsAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateFeedbackSettings({ ctx, input }),
    () => t('feedbackAdmin.survey.saved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}
