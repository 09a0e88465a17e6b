/**
 * Channels and product categories as the UI sees them (client-safe: no server imports). Both are
 * records with an immutable code that orders, imports, the API, reports and return policies carry,
 * and a name in each language for people.
 */
import type { Locale } from '@/lib/i18n/config';

/** A code: lower-case letter first, then letters, digits or `_`; 2–32 characters (`own_site`). */
export const CATALOG_CODE_RE = /^[a-z][a-z0-9_]{1,31}$/;
export const isCatalogCode = (v: unknown): v is string => typeof v === 'string' && CATALOG_CODE_RE.test(v);

export const CATALOG_NAME_MAX = 40;
export const CATALOG_POSITION_MAX = 100_000;

/** A channel or a category as loaded for rendering (all of them, in position order). */
export type CatalogRecord = {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  position: number;
  version: number;
};

/** The record's name in the locale. */
export function catalogName(row: Pick<CatalogRecord, 'nameZh' | 'nameEn'>, locale: Locale | string): string {
  return locale === 'en' ? row.nameEn : row.nameZh;
}

/** code → name in the locale, for tables, filters, chips and CSV files. */
export type NameMap = Record<string, string>;

export function nameMap(rows: readonly CatalogRecord[], locale: Locale | string): NameMap {
  return Object.fromEntries(rows.map((r) => [r.code, catalogName(r, locale)]));
}

/** The name for a code; a code without a record (old data, a hand-edited link) shows as itself. */
export function nameOf(names: NameMap, code: string): string {
  return Object.hasOwn(names, code) ? names[code]! : code;
}

/** What a form offers for a new record: active ones only, plus the current value (an old order's retired channel). */
export type CatalogOption = { code: string; name: string; active: boolean };

export function catalogOptions(
  rows: readonly CatalogRecord[],
  locale: Locale | string,
  current?: string | null,
): CatalogOption[] {
  return rows
    .filter((r) => r.active || r.code === current)
    .map((r) => ({ code: r.code, name: catalogName(r, locale), active: r.active }));
}
