import { Info, X } from 'lucide-react';
import Link from 'next/link';
import { formatDayRange, isDay } from '@/lib/shop-calendar';
import type { Ctx } from '@/lib/context';
import { getLocale, getT } from '@/lib/i18n/server';
import { isCatalogCode, nameOf } from '@/lib/catalog/names';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { drillNames } from '@/lib/analytics/drill-names';
import { loadReportNames } from '@/lib/analytics/report/names';

/** The case list's drill-down filters, as ListCasesInput names them (set by the dashboard's links). */
export const CASE_DRILL_KEYS = ['from', 'to', 'reason', 'channel', 'productId', 'category', 'teamId'] as const;
type DrillKey = (typeof CASE_DRILL_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether listCases will use the value (it ignores what it cannot, rather than failing the page). */
function usable(key: DrillKey, v: string): boolean {
  switch (key) {
    case 'from':
    case 'to':
      return isDay(v);
    case 'reason':
      return (CASE_REASONS as readonly string[]).includes(v);
    case 'channel':
      // Any well-formed code: a retired channel still filters its cases; an unknown one matches none.
      return isCatalogCode(v);
    case 'productId':
    case 'teamId':
      return UUID.test(v);
    case 'category':
      return v.trim().length > 0 && v.trim().length <= 64;
  }
}

/**
 * Removable chips for the filters a report's drill-down put on the case list ("Opened Sep 1 – Nov
 * 30, 2026 ×", "Reason: Quality problem ×"), each a link to the same list without it. Values the
 * list ignores (a hand-edited link) are said to be ignored instead of pretending to filter.
 */
export async function CaseDrillChips({
  ctx,
  basePath,
  params,
}: {
  ctx: Ctx;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const set = CASE_DRILL_KEYS.filter((k) => params[k]);
  if (!set.length) return null;
  const [t, locale] = [await getT(), await getLocale()];
  const valid = (k: DrillKey) => !!params[k] && usable(k, params[k]!);
  const [names, catalog] = await Promise.all([
    drillNames({
      ctx,
      input: {
        productId: valid('productId') ? params.productId : undefined,
        teamId: valid('teamId') ? params.teamId : undefined,
      },
    }),
    loadReportNames(locale),
  ]);
  const without = (keys: string[]) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'cursor' && !keys.includes(k)) qs.set(k, v);
    const s = qs.toString();
    return s ? `${basePath}?${s}` : basePath;
  };

  const chips: { key: string; label: string; remove: string[] }[] = [];
  const from = valid('from') ? params.from! : undefined;
  const to = valid('to') ? params.to! : undefined;
  if (from && to)
    chips.push({
      key: 'period',
      label: t('reports.chips.opened', { range: formatDayRange({ from, to }, locale) }),
      remove: ['from', 'to'],
    });
  else if (from)
    chips.push({
      key: 'period',
      label: t('reports.chips.openedFrom', { day: formatDayRange({ from, to: from }, locale) }),
      remove: ['from', 'to'],
    });
  else if (to)
    chips.push({
      key: 'period',
      label: t('reports.chips.openedUntil', { day: formatDayRange({ from: to, to }, locale) }),
      remove: ['from', 'to'],
    });
  if (valid('reason'))
    chips.push({
      key: 'reason',
      label: `${t('reports.chips.reason')}: ${t.dynamic(`cases.reasons.${params.reason}`, undefined, params.reason)}`,
      remove: ['reason'],
    });
  if (valid('channel'))
    chips.push({
      key: 'channel',
      label: `${t('reports.filters.channel')}: ${nameOf(catalog.channels, params.channel!)}`,
      remove: ['channel'],
    });
  if (valid('productId'))
    chips.push({
      key: 'productId',
      label: `${t('reports.chips.product')}: ${names.product ?? t('reports.chips.unknown')}`,
      remove: ['productId'],
    });
  if (valid('category'))
    chips.push({
      key: 'category',
      label: `${t('reports.filters.category')}: ${nameOf(catalog.categories, params.category!)}`,
      remove: ['category'],
    });
  if (valid('teamId'))
    chips.push({
      key: 'teamId',
      label: `${t('reports.filters.team')}: ${names.team ?? t('reports.chips.unknown')}`,
      remove: ['teamId'],
    });
  const ignored = set.filter((k) => !valid(k));

  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" data-testid="drill-chips">
      <span className="text-sm text-muted-foreground">{t('reports.chips.label')}</span>
      {chips.map((c) => (
        <span
          key={c.key}
          className="inline-flex items-center gap-1 rounded-full border bg-muted/50 py-0.5 pr-1 pl-3 text-sm"
          data-testid={`chip-${c.key}`}
        >
          {c.label}
          <Link
            href={without(c.remove)}
            aria-label={t('reports.chips.remove', { filter: c.label })}
            className="flex size-5 items-center justify-center rounded-full text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <X aria-hidden="true" className="size-3.5" />
          </Link>
        </span>
      ))}
      {chips.length > 1 || ignored.length ? (
        <Link
          href={without([...CASE_DRILL_KEYS])}
          className="text-sm font-medium text-primary underline-offset-4 hover:underline"
          data-testid="chips-clear"
        >
          {t('reports.chips.clear')}
        </Link>
      ) : null}
      {ignored.length ? (
        <p className="flex w-full items-center gap-1.5 text-xs text-muted-foreground" role="status">
          <Info aria-hidden="true" className="size-3.5" />
          {t('reports.chips.ignored')}
        </p>
      ) : null}
    </div>
  );
}
