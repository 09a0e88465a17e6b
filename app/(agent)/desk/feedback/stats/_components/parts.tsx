import { dateTimeFormat } from '@/lib/intl';
import { BarChart3, Info } from 'lucide-react';
import { formatCount, formatPercent, formatSigned } from '@/components/charts/format';
import { type KpiDelta } from '@/components/charts/kpi-card';
import { monthsOf, weeksOf, type Period } from '@/lib/shop-calendar';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { type FeedbackStats, type TrendPoint } from '@/lib/feedback/stats';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

export function inboxHref(params: Record<string, string>, period: Period): string {
  return `/desk/feedback?${new URLSearchParams({ ...params, from: period.from, to: period.to })}`;
}

/** Every week (Monday) or month in the period, so quiet weeks show as gaps rather than vanish. */
export function fillBuckets(
  points: TrendPoint[],
  period: Period,
  unit: 'week' | 'month',
): (TrendPoint | { bucket: string; total: 0; csatPercent: null; nps: null })[] {
  const byBucket = new Map(points.map((p) => [p.bucket, p]));
  const buckets = unit === 'week' ? weeksOf(period) : monthsOf(period);
  return buckets.map((b) => byBucket.get(b) ?? { bucket: b, total: 0, csatPercent: null, nps: null });
}

export function trendRows(points: TrendPoint[], period: Period, unit: 'week' | 'month', locale: Locale) {
  const f = dateTimeFormat(
    locale,
    unit === 'week'
      ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', timeZone: 'UTC' },
  );
  return fillBuckets(points, period, unit).map((p) => ({
    bucket: f.format(new Date(`${p.bucket}T00:00:00Z`)),
    csat: p.csatPercent === null ? null : Math.round(p.csatPercent * 10) / 10,
    nps: p.nps === null ? null : Math.round(p.nps),
    total: p.total,
  }));
}

export function pointsDelta(t: Translate, locale: Locale, value: number | null, fractionDigits: number): KpiDelta {
  return value === null
    ? { value: null, text: '—', caption: t('feedbackStats.noComparison') }
    : {
        value,
        text: t('feedbackStats.points', { value: formatSigned(value, locale, fractionDigits) }),
        caption: t('feedbackStats.vsPrevious'),
        direction: 'higherIsBetter',
      };
}

export function Section({
  title,
  description,
  children,
  className,
  testId,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <Card className={cn('min-w-0 gap-4', className)} data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="min-w-0">{children}</CardContent>
    </Card>
  );
}

export function SectionEmpty({ title, hint }: { title: string; hint?: string }) {
  return <EmptyState icon={<BarChart3 />} title={title} description={hint} className="py-8" />;
}

/** Promoters / passives / detractors as one proportional bar with their counts. */
export function NpsSplit({ nps, t, locale }: { nps: FeedbackStats['current']['nps']; t: Translate; locale: Locale }) {
  const parts = [
    { key: 'promoters', n: nps.promoters, color: 'bg-success' },
    { key: 'passives', n: nps.passives, color: 'bg-warning' },
    { key: 'detractors', n: nps.detractors, color: 'bg-destructive' },
  ] as const;
  return (
    <div className="grid gap-2">
      {nps.answered > 0 ? (
        <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-muted">
          {parts.map((p) =>
            p.n ? <div key={p.key} className={p.color} style={{ width: `${(p.n / nps.answered) * 100}%` }} /> : null,
          )}
        </div>
      ) : null}
      <dl className="grid grid-cols-3 gap-2 text-xs">
        {parts.map((p) => (
          <div key={p.key} className="grid gap-0.5">
            <dt className="flex items-center gap-1.5 text-muted-foreground">
              <span aria-hidden="true" className={cn('size-2 rounded-full', p.color)} />
              {t(`feedbackStats.bands.${p.key}Short`)}
            </dt>
            <dd className="font-medium tabular-nums">{formatCount(p.n, locale)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function AnswerRate({
  rate,
  answered,
  offered,
  t,
  locale,
}: {
  rate: number | null;
  answered: number;
  offered: number;
  t: Translate;
  locale: Locale;
}) {
  if (rate === null) {
    return (
      <p className="flex items-start gap-1.5 text-xs">
        <Info aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
        {t('feedbackStats.kpi.noneOffered')}
      </p>
    );
  }
  return (
    <p>
      {t('feedbackStats.kpi.answerRate', {
        rate: formatPercent(rate, locale),
        answered: formatCount(answered, locale),
        offered: formatCount(offered, locale),
      })}
    </p>
  );
}
