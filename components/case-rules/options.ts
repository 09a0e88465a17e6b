import { catalogName, type CatalogRecord } from '@/lib/catalog/names';
import type { Locale } from '@/lib/i18n/config';
import type { RuleOption } from './conditions-fields';

/**
 * Channels or categories to offer in the rule forms: the active ones, and a retired one only while
 * some rule still names it (so editing that rule does not silently drop it), marked as retired.
 */
export function ruleOptions(
  rows: readonly CatalogRecord[],
  referenced: ReadonlySet<string>,
  locale: Locale,
  inactiveSuffix: string,
): RuleOption[] {
  return rows
    .filter((r) => r.active || referenced.has(r.code))
    .map((r) => ({
      value: r.code,
      label: r.active ? catalogName(r, locale) : `${catalogName(r, locale)} ${inactiveSuffix}`,
    }));
}
