import 'server-only';
import { loadCategories } from '@/lib/catalog/categories';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap, type CatalogRecord, type NameMap } from '@/lib/catalog/names';
import type { Locale } from '@/lib/i18n/config';
import { getShopSettings } from '@/lib/shop/settings';

/** What reports print beside codes and amounts: channel and category names and the shop currency. */
export type ReportNames = { channels: NameMap; categories: NameMap; currency: string };

/**
 * Channel and category names in the viewer's language and the shop currency, for the dashboard,
 * its CSV files and the case list's drill-down chips. The records come back too (filters offer
 * them, retired ones included: their history is still reported).
 */
export async function loadReportNames(
  locale: Locale,
): Promise<ReportNames & { channelRows: CatalogRecord[]; categoryRows: CatalogRecord[] }> {
  const [channelRows, categoryRows, shop] = await Promise.all([loadChannels(), loadCategories(), getShopSettings()]);
  return {
    channels: nameMap(channelRows, locale),
    categories: nameMap(categoryRows, locale),
    currency: shop.currency,
    channelRows,
    categoryRows,
  };
}
