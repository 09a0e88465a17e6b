'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { addCaseMessage, assignCase, updateCaseFlags } from '@/lib/cases/conversation';
import { applyCaseAction } from '@/lib/cases/mutations';
import { getT } from '@/lib/i18n/server';
import { parseAmount } from '@/lib/money';

const path = (caseNo: string) => `/desk/cases/${caseNo}`;

export async function caseActionAction(input: {
  caseNo: string;
  version: number;
  action: string;
  note?: string;
  refund?: string;
}) {
  const t = await getT();
  const refundCents = input.refund?.trim() ? parseAmount(input.refund) : undefined;
  const result = await runAction(
    (ctx) =>
      applyCaseAction({
        ctx,
        input: { caseNo: input.caseNo, version: input.version, action: input.action, note: input.note, refundCents },
      }),
    () => t('caseDesk.detail.done', { action: t.dynamic(`cases.actions.${input.action}`) }),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function sendMessageAction(input: {
  caseNo: string;
  body: string;
  internal: boolean;
  attachments: string[];
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) => addCaseMessage({ ctx, input }),
    () => t('caseDesk.detail.sent'),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function assignAction(input: { caseNo: string; assigneeId: string | null }) {
  const result = await runAction((ctx) => assignCase({ ctx, input }));
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function flagsAction(input: { caseNo: string; priority?: string; escalated?: boolean }) {
  const result = await runAction((ctx) =>
    updateCaseFlags({ ctx, input: { caseNos: [input.caseNo], priority: input.priority, escalated: input.escalated } }),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}
