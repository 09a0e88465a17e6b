import { dateTimeFormat } from '@/lib/intl';
import { ArrowRight, BarChart3 } from 'lucide-react';
import Link from 'next/link';
import { formatCount, formatPercent, formatSigned, numberFormatter } from '@/components/charts/format';
import type { KpiDelta, DeltaDirection } from '@/components/charts/kpi-card';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatSpan } from '@/lib/cases/due';
import { nameOf } from '@/lib/catalog/names';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { formatMoney } from '@/lib/money';
import { cn } from '@/lib/utils';
import type { ReportNames } from '@/lib/analytics/report/names';
import { relativeChange, type DrillLinks } from '@/lib/analytics/report/params';

/**
 * What the dashboard names and prices things with, loaded by the page: channel and category names
 * in the viewer's language (records since #12) and the shop currency, which every order and so
 * every rollup sum is in.
 */

/** Everything a section needs to print figures and links the same way as the rest of the page. */
export type ReportKit = {
  t: Translate;
  locale: Locale;
  /** Drill-down links, or null where the lists behind the widgets are not open to the viewer (admins). */
  links: DrillLinks | null;
  /** The shop currency (ISO 4217) that every amount is in. */
  currency: string;
  count: (n: number) => string;
  money: (cents: number) => string;
  percent: (n: number | null) => string;
  /** "2h 5m" from minutes; "—" when there is no figure. */
  duration: (minutes: number | null) => string;
  /** "Oct 6" / "10月6日" from a shop day. */
  day: (day: string) => string;
  channel: (code: string) => string;
  reason: (code: string) => string;
  caseType: (code: string) => string;
  orderStatus: (code: string) => string;
  category: (code: string) => string;
};

export function reportKit(t: Translate, locale: Locale, links: DrillLinks | null, names: ReportNames): ReportKit {
  const dayFormat = dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return {
    t,
    locale,
    links,
    currency: names.currency,
    count: (n) => formatCount(n, locale),
    money: (cents) => formatMoney(cents, names.currency, locale),
    percent: (n) => formatPercent(n, locale),
    duration: (minutes) => (minutes === null ? '—' : formatSpan(minutes * 60_000, locale)),
    day: (d) => dayFormat.format(new Date(`${d}T00:00:00Z`)),
    channel: (c) => nameOf(names.channels, c),
    reason: (r) => t.dynamic(`cases.reasons.${r}`, undefined, r),
    caseType: (c) => t.dynamic(`cases.types.${c}`, undefined, c),
    orderStatus: (s) => t.dynamic(`orders.status.${s}`, undefined, s),
    category: (c) => (c ? nameOf(names.categories, c) : t('reports.uncategorized')),
  };
}

const noComparison = (k: ReportKit): KpiDelta => ({ value: null, text: '—', caption: k.t('reports.noComparison') });

/** The change of a count or an amount against the previous period, as a percentage of it. */
export function relativeDelta(
  k: ReportKit,
  current: number | null,
  previous: number | null,
  direction: DeltaDirection,
): KpiDelta {
  const change = relativeChange(current, previous);
  if (change === null) return noComparison(k);
  const text = `${formatSigned(change, k.locale, 1)}%`;
  return { value: change, text, direction, caption: k.t('reports.vsPrevious') };
}

/** The change of a rate (a percentage) against the previous period, in percentage points. */
export function pointsDelta(
  k: ReportKit,
  current: number | null,
  previous: number | null,
  direction: DeltaDirection,
  fractionDigits = 1,
): KpiDelta {
  if (current === null || previous === null) return noComparison(k);
  const change = current - previous;
  return {
    value: change,
    text: k.t('reports.points', { value: formatSigned(change, k.locale, fractionDigits) }),
    direction,
    caption: k.t('reports.vsPrevious'),
  };
}

/** A percentage with a plain number format (for tables where "12.5%" reads better than a badge). */
export function rateText(k: ReportKit, rate: number | null): string {
  return rate === null ? '—' : numberFormatter('percent', k.locale)(rate);
}

/** A quiet "View cases →" link to the list behind a widget; hidden on paper. */
export function DrillLink({
  href,
  children,
  className,
}: {
  href: string | null | undefined;
  children: React.ReactNode;
  className?: string;
}) {
  if (!href) return null;
  return (
    <Link
      href={href}
      className={cn(
        'inline-flex items-center gap-1 rounded-sm text-sm font-medium whitespace-nowrap text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 print:hidden',
        className,
      )}
    >
      {children}
      <ArrowRight aria-hidden="true" className="size-3.5" />
    </Link>
  );
}

/** A card holding one widget: title, what it shows, an optional drill-down, the content. */
export function Section({
  title,
  description,
  drill,
  children,
  className,
  contentClassName,
  testId,
}: {
  title: string;
  description?: React.ReactNode;
  drill?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  contentClassName?: string;
  testId?: string;
}) {
  return (
    <Card className={cn('min-w-0 break-inside-avoid gap-4', className)} data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
        {drill ? <CardAction>{drill}</CardAction> : null}
      </CardHeader>
      <CardContent className={cn('min-w-0', contentClassName)}>{children}</CardContent>
    </Card>
  );
}

export function SectionEmpty({ title, hint }: { title: string; hint?: string }) {
  return <EmptyState icon={<BarChart3 />} title={title} description={hint} className="py-8" />;
}

/** A heading between groups of widgets (orders, after-sales, decisions ...). */
export function GroupHeading({
  id,
  icon,
  title,
  description,
}: {
  id: string;
  icon: React.ReactNode;
  title: string;
  description?: string;
}) {
  return (
    <div className="mt-4 flex break-after-avoid items-start gap-3 first:mt-0" id={id}>
      <span
        aria-hidden="true"
        className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary/10 text-primary [&_svg]:size-4"
      >
        {icon}
      </span>
      <div className="grid gap-0.5">
        <h2 className="text-lg font-semibold tracking-tight">{title}</h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
    </div>
  );
}

/** A short note under a widget, e.g. which filters do not apply to it. */
export function Note({ children, className }: { children: React.ReactNode; className?: string }) {
  return <p className={cn('text-xs text-muted-foreground', className)}>{children}</p>;
}
