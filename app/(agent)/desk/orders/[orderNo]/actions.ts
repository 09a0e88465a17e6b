'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { changeOrderStatus, deleteOrder } from '@/lib/orders/mutations';
import { revealOrderContact } from '@/lib/orders/pii';
import { createCase } from '@/lib/cases/mutations';

export async function changeStatusAction(input: {
  orderNo: string;
  version: number;
  to: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
}) {
  const t = await getT();
  const result = await runAction(
    (ctx) => changeOrderStatus({ ctx, input }),
    (r) => t('orders.detail.statusChanged', { status: t.dynamic(`orders.status.${r.status}`) }),
  );
  if (result.ok) revalidatePath(`/desk/orders/${input.orderNo}`);
  return result;
}

export async function deleteOrderAction(input: { orderNo: string; version: number }) {
  const result = await runAction((ctx) => deleteOrder({ ctx, input }));
  if (!result.ok) return result;
  revalidatePath('/desk/orders');
  redirect('/desk/orders');
}

export async function revealContactAction(orderNo: string) {
  return runAction((ctx) => revealOrderContact({ ctx, input: { orderNo } }));
}

export async function createCaseFromDeskAction(input: {
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
  if (result.ok) revalidatePath(`/desk/orders/${input.orderNo}`);
  return result;
}
