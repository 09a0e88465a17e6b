'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { addCaseMessage } from '@/lib/cases/conversation';
import { applyCaseAction, createCase, setReturnTracking } from '@/lib/cases/mutations';
import { getT } from '@/lib/i18n/server';

export async function createCaseAction(input: {
  orderNo: string;
  type: string;
  reason: string;
  description: string;
  /** claimedUnitCents: price protection's lower price, converted by the form (NaN when unparsable). */
  items: { sku: string; quantity: string; claimedUnitCents?: number }[];
  overrideReason?: string;
  attachments: string[];
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) => createCase({ ctx, input }),
    (r) => t('casePortal.submitted', { caseNo: r.caseNo }),
  );
  if (result.ok) revalidatePath('/portal/cases');
  return result;
}

export async function customerActionAction(input: { caseNo: string; version: number; action: string }) {
  const result = await runAction((ctx) => applyCaseAction({ ctx, input }));
  if (result.ok) revalidatePath(`/portal/cases/${input.caseNo}`);
  return result;
}

export async function customerMessageAction(input: { caseNo: string; body: string; attachments: string[] }) {
  const result = await runAction((ctx) => addCaseMessage({ ctx, input: { ...input, internal: false } }));
  if (result.ok) revalidatePath(`/portal/cases/${input.caseNo}`);
  return result;
}

export async function returnTrackingAction(input: { caseNo: string; carrier: string; trackingNo: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => setReturnTracking({ ctx, input }),
    () => t('returnShipment.saved'),
  );
  if (result.ok) revalidatePath(`/portal/cases/${input.caseNo}`);
  return result;
}
