/**
 * The currencies a shop may keep its books in (ISO 4217). A short list of the common ones rather
 * than every code: each must format correctly in both languages and be one a Chinese shop trades
 * in. Amounts are always stored in hundredths of the main unit (`*_cents`), whatever the currency.
 */
export const SHOP_CURRENCIES = [
  'CNY',
  'HKD',
  'MOP',
  'TWD',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'KRW',
  'SGD',
  'MYR',
  'THB',
  'AUD',
  'NZD',
  'CAD',
  'CHF',
] as const;

export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];

/** The currency of a new shop, and of every order before #12. */
export const DEFAULT_CURRENCY: ShopCurrency = 'CNY';

export function isShopCurrency(v: unknown): v is ShopCurrency {
  return typeof v === 'string' && (SHOP_CURRENCIES as readonly string[]).includes(v);
}
