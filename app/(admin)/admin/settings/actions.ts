'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { updateShopCurrency } from '@/lib/shop/settings';

export async function updateShopCurrencyAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateShopCurrency({ ctx, input }),
    (s) => t('shopSettings.saved', { currency: s.currency }),
  );
  // Every page that shows money reads the currency: refresh them all.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
