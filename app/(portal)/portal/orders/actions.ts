'use server';

import { revalidatePath } from 'next/cache';
import { formToObject, runAction, type ActionResult } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { claimOrder } from '@/lib/orders/portal';

export type ClaimState = ActionResult<{ orderNo: string }> & { values?: { orderNo: string; contact: string } };

export async function claimOrderAction(_prev: ClaimState | null, form: FormData): Promise<ClaimState> {
  const t = await getT();
  const raw = formToObject(form);
  const result = await runAction(
    (ctx) => claimOrder({ ctx, input: raw }),
    (r) => t('portalOrders.claimed', { orderNo: r.orderNo }),
  );
  if (!result.ok)
    return { ...result, values: { orderNo: String(raw.orderNo ?? ''), contact: String(raw.contact ?? '') } };
  revalidatePath('/portal/orders');
  return result;
}
