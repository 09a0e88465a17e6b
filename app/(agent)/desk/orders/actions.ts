'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { bulkChangeOrderStatus } from '@/lib/orders/mutations';
import { deleteOrderView, saveOrderView } from '@/lib/orders/views';

export async function bulkStatusAction(input: { orderNos: string[]; to: string; note?: string }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => bulkChangeOrderStatus({ ctx, input }),
    (r) => t('orders.bulkDone', { ok: r.filter((x) => x.ok).length, failed: r.filter((x) => !x.ok).length }),
  );
  if (!result.ok) return result;
  // Reasons are translated here so the client only lists them.
  const refused = result.data
    .filter((r) => !r.ok)
    .map((r) => ({
      orderNo: r.orderNo,
      reason: t.dynamic(
        `errors.${r.code}`,
        { from: '', to: '' },
        t.dynamic(`validation.${r.code}`, undefined, r.code ?? ''),
      ),
    }));
  revalidatePath('/desk/orders');
  return { ...result, data: { refused } };
}

export async function saveViewAction(input: { name: string; query: Record<string, string> }) {
  const t = await getT();
  const result = await runAction(
    (ctx) => saveOrderView({ ctx, input }),
    () => t('orders.views.saved'),
  );
  if (result.ok) revalidatePath('/desk/orders');
  return result;
}

export async function deleteViewAction(id: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => deleteOrderView({ ctx, input: { id } }),
    () => t('orders.views.deleted'),
  );
  if (result.ok) revalidatePath('/desk/orders');
  return result;
}
