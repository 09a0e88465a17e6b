'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { purgeOrder, restoreOrder } from '@/lib/orders/mutations';

export async function restoreOrderAction(orderNo: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => restoreOrder({ ctx, input: { orderNo } }),
    () => t('adminBin.restored', { orderNo }),
  );
  if (result.ok) revalidatePath('/admin/orders');
  return result;
}

export async function purgeOrderAction(orderNo: string) {
  const t = await getT();
  const result = await runAction(
    (ctx) => purgeOrder({ ctx, input: { orderNo } }),
    () => t('adminBin.purged', { orderNo }),
  );
  if (result.ok) revalidatePath('/admin/orders');
  return result;
}
