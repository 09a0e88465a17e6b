'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { addCaseMessage, assignCase, updateCaseFlags } from '@/lib/cases/conversation';
import { decideCompensation, recordCompensation, setReturnFreight } from '@/lib/cases/compensation';
import { applyCaseAction } from '@/lib/cases/mutations';
import { setReplacementShipment } from '@/lib/cases/shipments';
import { getT } from '@/lib/i18n/server';
import { parseAmount } from '@/lib/money';

const path = (caseNo: string) => `/desk/cases/${caseNo}`;

export async function caseActionAction(input: {
  caseNo: string;
  version: number;
  action: string;
  note?: string;
  refund?: string;
  carrier?: string;
  trackingNo?: string;
}) {
  const t = await getT();
  const refundCents = input.refund?.trim() ? parseAmount(input.refund) : undefined;
  const result = await runAction(
    (ctx) =>
      applyCaseAction({
        ctx,
        input: {
          caseNo: input.caseNo,
          version: input.version,
          action: input.action,
          note: input.note,
          refundCents,
          carrier: input.carrier?.trim() || undefined,
          trackingNo: input.trackingNo?.trim() || undefined,
        },
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

/** Amounts arrive as typed ("12.50"); an unparsable one becomes NaN and fails validation with a field message. */
const cents = (amount: string) => (amount.trim() ? parseAmount(amount) : Number.NaN);

export async function recordCompensationAction(input: {
  caseNo: string;
  amount: string;
  method: string;
  reason: string;
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) =>
      recordCompensation({
        ctx,
        input: { caseNo: input.caseNo, amountCents: cents(input.amount), method: input.method, reason: input.reason },
      }),
    (r) => t(r.status === 'approved' ? 'compensation.recorded' : 'compensation.sentForApproval'),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function decideCompensationAction(input: {
  caseNo: string;
  compensationId: number;
  version: number;
  decision: 'approve' | 'reject';
  note?: string;
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) => decideCompensation({ ctx, input }),
    (r) => t(r.status === 'approved' ? 'compensation.approved' : 'compensation.rejected'),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function returnFreightAction(input: { caseNo: string; payer: string; amount: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) =>
      setReturnFreight({ ctx, input: { caseNo: input.caseNo, payer: input.payer, amountCents: cents(input.amount) } }),
    () => t('returnFreight.saved'),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}

export async function replacementShipmentAction(input: { caseNo: string; carrier: string; trackingNo: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setReplacementShipment({ ctx, input }),
    () => t('replacementShipment.saved'),
  );
  if (result.ok) revalidatePath(path(input.caseNo));
  return result;
}
