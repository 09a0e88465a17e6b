'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { updateShopName } from '@/lib/shop/profile';
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

export async function updateShopNameAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateShopName({ ctx, input }),
    () => t('shopSettings.nameSaved'),
  );
  // The public pages (surveys, help) show the name in their header.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
