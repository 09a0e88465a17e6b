import { listFormat } from '@/lib/intl';
import type { RuleConditions } from '@/lib/case-rules/conditions';
import { nameOf, type NameMap } from '@/lib/catalog/names';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { formatMoney } from '@/lib/money';

/**
 * A rule's conditions in words, one line per condition ("Type: Complaint or Inquiry"), for the
 * rule lists. Client-safe; the pages call it on the server with their translator.
 */
export function describeConditions(
  c: RuleConditions,
  {
    t,
    locale,
    currency,
    channels,
    categories,
  }: {
    t: Translate;
    locale: Locale;
    currency: string;
    channels: NameMap;
    categories: NameMap;
  },
): string[] {
  const any = (list: readonly string[]) => listFormat(locale, { type: 'disjunction' }).format(list);
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const lines: string[] = [];
  // A stored condition no case can meet (unreadable when loaded): say so rather than show nothing.
  if (c.caseTypes && c.caseTypes.length === 0) return [t('caseRules.summary.never')];
  if (c.caseTypes)
    lines.push(
      t('caseRules.summary.caseTypes', {
        list: any(c.caseTypes.map((v) => t.dynamic(`cases.types.${v}`, undefined, v))),
      }),
    );
  if (c.reasons)
    lines.push(
      t('caseRules.summary.reasons', {
        list: any(c.reasons.map((v) => t.dynamic(`cases.reasons.${v}`, undefined, v))),
      }),
    );
  if (c.channels)
    lines.push(t('caseRules.summary.channels', { list: any(c.channels.map((v) => nameOf(channels, v))) }));
  if (c.categories)
    lines.push(t('caseRules.summary.categories', { list: any(c.categories.map((v) => nameOf(categories, v))) }));
  const min = c.orderValueMinCents;
  const max = c.orderValueMaxCents;
  if (min !== undefined && max !== undefined)
    lines.push(t('caseRules.summary.orderRange', { min: money(min), max: money(max) }));
  else if (min !== undefined) lines.push(t('caseRules.summary.orderMin', { amount: money(min) }));
  else if (max !== undefined) lines.push(t('caseRules.summary.orderMax', { amount: money(max) }));
  if (c.openCasesMin !== undefined) lines.push(t('caseRules.summary.openCases', { count: c.openCasesMin }));
  if (c.recentCasesMin !== undefined) lines.push(t('caseRules.summary.recentCases', { count: c.recentCasesMin }));
  if (c.customerTags) lines.push(t('caseRules.summary.tags', { list: any(c.customerTags) }));
  if (c.keywords) lines.push(t('caseRules.summary.keywords', { list: any(c.keywords.map((w) => `“${w}”`)) }));
  return lines;
}
