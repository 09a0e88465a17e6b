import { numberFormat } from '@/lib/intl';

/** Money is integer minor units (分) with a currency; these convert at the edges only. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 }).format(cents / 100);
}

/**
 * "12.5" / "12.50" / "1,299" → cents. Returns NaN for anything that is not a plain non-negative
 * amount with at most two decimals, so validation can report it instead of guessing.
 */
export function parseAmount(input: string): number {
  const s = input.trim().replace(/[,\s¥￥]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) return Number.NaN;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The currency's sign as the locale writes it (¥, CN¥, US$, €), for labels such as "Unit price (¥)". */
export function currencySymbol(currency: string, locale: string): string {
  const parts = numberFormat(locale, { style: 'currency', currency }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}
