import Link from 'next/link';
import { BarChart } from '@/components/charts/bar-chart';
import { formatCount, formatPercent, formatSigned, numberFormatter } from '@/components/charts/format';
import { DeltaBadge, type KpiDelta } from '@/components/charts/kpi-card';
import { type Period } from '@/lib/shop-calendar';
import { delta } from '@/lib/feedback/metrics';
import { type FeedbackStats } from '@/lib/feedback/stats';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { inboxHref, Section, SectionEmpty } from './parts';

/**
 * Product reviews brought from the sales channels (the reviews import): how many stars they gave,
 * the average and the share of poor (1–2 star) reviews, each against the previous period. Read from
 * the daily feedback rollup like every other figure on the page.
 */
export function ReviewFigures({
  stats,
  t,
  locale,
  range,
}: {
  stats: FeedbackStats;
  t: Translate;
  locale: Locale;
  range: Period;
}) {
  const cur = stats.current.reviews;
  const prior = stats.prior.reviews;
  const count = (n: number) => formatCount(n, locale);
  const decimal = numberFormatter({ minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale);
  const rows = ([1, 2, 3, 4, 5] as const).map((s) => ({
    stars: String(s),
    reviews: cur.counts[s],
    color: s <= 2 ? 'destructive' : s === 3 ? 'warning' : 'success',
  }));
  const comparison = (value: number | null, text: string, direction: KpiDelta['direction']): KpiDelta =>
    value === null ? { value: null, text: '—' } : { value, text, direction };
  const averageChange = delta(cur.average, prior.average);
  const lowChange = delta(cur.lowShare, prior.lowShare);
  const figures = [
    {
      key: 'count',
      label: t('reviews.stats.count'),
      value: count(cur.total),
      delta: comparison(cur.total - prior.total, formatSigned(cur.total - prior.total, locale), 'neutral'),
    },
    {
      key: 'average',
      label: t('reviews.stats.average'),
      value: cur.average === null ? '—' : t('reviews.stats.averageValue', { value: decimal(cur.average) }),
      delta: comparison(
        averageChange,
        averageChange === null ? '—' : formatSigned(averageChange, locale, 1),
        'higherIsBetter',
      ),
    },
    {
      key: 'low',
      label: t('reviews.stats.lowShare'),
      value: formatPercent(cur.lowShare, locale),
      delta: comparison(
        lowChange,
        lowChange === null ? '—' : t('feedbackStats.points', { value: formatSigned(lowChange, locale, 1) }),
        'lowerIsBetter',
      ),
    },
  ];
  return (
    <Section title={t('reviews.stats.title')} description={t('reviews.stats.description')} testId="review-figures">
      {cur.total ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <BarChart
            data={rows}
            index="stars"
            categories={['reviews']}
            categoryLabels={{ reviews: t('reviews.stats.count') }}
            colorKey="color"
            legendItems={[
              { label: t('reviews.stats.bands.low'), color: 'destructive' },
              { label: t('reviews.stats.bands.mid'), color: 'warning' },
              { label: t('reviews.stats.bands.high'), color: 'success' },
            ]}
            format="integer"
            label={t('reviews.stats.distribution')}
            indexLabel={t('reviews.stats.stars')}
            className="h-60"
          />
          <div className="grid content-start gap-4">
            <dl className="grid gap-3">
              {figures.map((f) => (
                <div key={f.key} className="flex items-baseline justify-between gap-3" data-testid={`review-${f.key}`}>
                  <dt className="text-sm text-muted-foreground">{f.label}</dt>
                  <dd className="flex items-center gap-2">
                    <span className="text-xl font-semibold tabular-nums">{f.value}</span>
                    <DeltaBadge delta={f.delta} />
                  </dd>
                </div>
              ))}
            </dl>
            <p className="text-xs text-muted-foreground">{t('feedbackStats.vsPrevious')}</p>
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <Link
                href={inboxHref({ kind: 'review', band: 'low' }, range)}
                className="text-primary underline-offset-4 hover:underline"
              >
                {t('reviews.stats.openLow')}
              </Link>
              <Link
                href={inboxHref({ kind: 'review' }, range)}
                className="text-primary underline-offset-4 hover:underline"
              >
                {t('reviews.stats.openAll')}
              </Link>
            </div>
          </div>
          {stats.reviewProducts.length ? (
            <div className="lg:col-span-2">
              <h3 className="mb-2 text-sm font-medium">{t('reviews.stats.byProduct')}</h3>
              <Table data-testid="review-products">
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('reviews.stats.product')}</TableHead>
                    <TableHead className="text-right">{t('reviews.stats.count')}</TableHead>
                    <TableHead className="text-right">{t('reviews.stats.average')}</TableHead>
                    <TableHead className="text-right">{t('reviews.stats.lowShare')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {stats.reviewProducts.map((p) => (
                    <TableRow key={p.productId}>
                      <TableCell>
                        <Link
                          href={inboxHref({ kind: 'review', productId: p.productId }, range)}
                          className="text-primary underline-offset-4 hover:underline"
                        >
                          {p.name}
                        </Link>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{count(p.reviews)}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {t('reviews.stats.averageValue', { value: decimal(p.average) })}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{formatPercent(p.lowShare, locale)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </div>
      ) : (
        <SectionEmpty title={t('reviews.stats.empty')} hint={t('reviews.stats.emptyHint')} />
      )}
    </Section>
  );
}
