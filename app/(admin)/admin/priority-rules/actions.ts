'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import {
  createPriorityRule,
  deletePriorityRule,
  movePriorityRule,
  setDefaultPriority,
  setPriorityRuleEnabled,
  updatePriorityRule,
} from '@/lib/case-rules/mutations';
import { previewCaseRules } from '@/lib/case-rules/queries';
import { getT } from '@/lib/i18n/server';

const PATH = '/admin/priority-rules';

export async function createPriorityRuleAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => createPriorityRule({ ctx, input }),
    () => t('caseRules.priority.created'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function updatePriorityRuleAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updatePriorityRule({ ctx, input }),
    () => t('caseRules.priority.saved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function setPriorityRuleEnabledAction(input: { id: string; version: number; enabled: boolean }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setPriorityRuleEnabled({ ctx, input }),
    () => t(input?.enabled ? 'caseRules.actions.enabledToast' : 'caseRules.actions.disabledToast'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function movePriorityRuleAction(input: { id: string; version: number; direction: 'up' | 'down' }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => movePriorityRule({ ctx, input }),
    () => t('caseRules.actions.moved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function deletePriorityRuleAction(input: { id: string; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deletePriorityRule({ ctx, input }),
    () => t('caseRules.actions.deleted'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function setDefaultPriorityAction(input: { priority: string; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setDefaultPriority({ ctx, input }),
    () => t('caseRules.priority.defaultSaved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

/** Reads only: what the saved rules decide for a sample case. */
export async function previewCaseRulesAction(input: Record<string, unknown>) {
  return runAction((ctx) => previewCaseRules({ ctx, input }));
}
