'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { assignCase, updateCaseFlags } from '@/lib/cases/conversation';
import { closeCases } from '@/lib/cases/mutations';
import { getT } from '@/lib/i18n/server';

export async function bulkAssignAction(input: { caseNos: string[]; assigneeId: string | null }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => assignCase({ ctx, input }),
    (r) => t('bulk.done', { count: r.updated }),
  );
  if (result.ok) revalidatePath('/desk/cases');
  return result;
}

export async function bulkPriorityAction(input: { caseNos: string[]; priority: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateCaseFlags({ ctx, input }),
    (r) => t('bulk.done', { count: r.updated }),
  );
  if (result.ok) revalidatePath('/desk/cases');
  return result;
}

export async function bulkCloseAction(input: { caseNos: string[] }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => closeCases({ ctx, input }),
    (r) => t('bulk.done', { count: r.closed }),
  );
  if (result.ok) revalidatePath('/desk/cases');
  return result;
}
