'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import {
  createRoutingRule,
  deleteRoutingRule,
  moveRoutingRule,
  setRoutingRuleEnabled,
  updateRoutingRule,
} from '@/lib/case-rules/mutations';
import { previewCaseRules } from '@/lib/case-rules/queries';
import { getT } from '@/lib/i18n/server';

const PATH = '/admin/routing-rules';

export async function createRoutingRuleAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => createRoutingRule({ ctx, input }),
    () => t('caseRules.routing.created'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function updateRoutingRuleAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateRoutingRule({ ctx, input }),
    () => t('caseRules.routing.saved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function setRoutingRuleEnabledAction(input: { id: string; version: number; enabled: boolean }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setRoutingRuleEnabled({ ctx, input }),
    () => t(input?.enabled ? 'caseRules.actions.enabledToast' : 'caseRules.actions.disabledToast'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function moveRoutingRuleAction(input: { id: string; version: number; direction: 'up' | 'down' }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => moveRoutingRule({ ctx, input }),
    () => t('caseRules.actions.moved'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function deleteRoutingRuleAction(input: { id: string; version: number }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deleteRoutingRule({ ctx, input }),
    () => t('caseRules.actions.deleted'),
  );
  if (result.ok) revalidatePath(PATH);
  return result;
}

/** Reads only: what the saved rules decide for a sample case (the same answer as on the priority page). */
export async function previewCaseRulesAction(input: Record<string, unknown>) {
  return runAction((ctx) => previewCaseRules({ ctx, input }));
}
