'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { addCaseMessage } from '@/lib/cases/conversation';
import { applyCaseAction, createCase, setReturnTracking } from '@/lib/cases/mutations';
import { linkSuggestionToCase, suggestArticlesForRequest } from '@/lib/help/suggest';
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
  /** The help suggestions shown while the request was written (help_suggestion_sessions). */
  suggestionId?: string;
}) {
  const t = await getT();
  const { suggestionId, ...caseInput } = input;
  const result = await runAction(
    (ctx) => createCase({ ctx, input: caseInput }),
    (r) => t('casePortal.submitted', { caseNo: r.caseNo }),
  );
  if (result.ok) {
    // Suggestions were shown and the customer still asked: recorded for the help analytics. The
    // case exists whatever happens here, so a failure is logged by runAction and not shown.
    if (suggestionId)
      await runAction((ctx) => linkSuggestionToCase({ ctx, input: { suggestionId, caseNo: result.data.caseNo } }));
    revalidatePath('/portal/cases');
  }
  return result;
}

/** Help articles for what the customer is writing on the request form (debounced by the form). */
export async function suggestArticlesAction(input: {
  orderNo?: string;
  text: string;
  reason?: string;
  type?: string;
  locale: string;
  suggestionId?: string;
}) {
  return runAction((ctx) => suggestArticlesForRequest({ ctx, input }));
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
