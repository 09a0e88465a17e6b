'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney, parseAmount } from '@/lib/money';
import { updateShopName } from '@/lib/shop/profile';
import { updateCompensationThreshold, updateShopCurrency } from '@/lib/shop/settings';

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

export async function updateCompensationThresholdAction(input: { amount: string }) {
  const t = await getT();
  const cents = input.amount.trim() ? parseAmount(input.amount) : Number.NaN;
  const result = await runAction(
    (ctx) => updateCompensationThreshold({ ctx, input: { compensationApprovalCents: cents } }),
    async (s) =>
      t('shopSettings.compensationSaved', {
        amount: formatMoney(s.compensationApprovalCents, s.currency, await getLocale()),
      }),
  );
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}
