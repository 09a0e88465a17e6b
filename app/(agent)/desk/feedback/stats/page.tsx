import type { Metadata } from 'next';
import { AlertTriangle } from 'lucide-react';
import { AreaChart } from '@/components/charts/area-chart';
import { BarChart } from '@/components/charts/bar-chart';
import { BarList } from '@/components/charts/bar-list';
import type { ChartColor } from '@/components/charts/colors';
import { DonutChart } from '@/components/charts/donut-chart';
import { formatCount, formatPercent, formatSigned } from '@/components/charts/format';
import { KpiCard } from '@/components/charts/kpi-card';
import { pickParams } from '@/components/data/search-params';
import { labelName } from '@/components/feedback/feedback-badges';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { PeriodPicker } from '@/components/feedback/period-picker';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { requireAreaActor } from '@/lib/auth/guard';
import { isDay, presetPeriod, shiftDay, shopToday, type Period } from '@/lib/shop-calendar';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { delta } from '@/lib/feedback/metrics';
import { FEEDBACK_KINDS } from '@/lib/feedback/schemas';
import { feedbackStats, type FeedbackStats } from '@/lib/feedback/stats';
import { listTaxonomy } from '@/lib/feedback/taxonomy';
import { getLocale, getT } from '@/lib/i18n/server';
import { requestNow } from '@/lib/time';
import { cn } from '@/lib/utils';

import { FeedbackBreakdowns } from './_components/breakdowns';
import { AnswerRate, inboxHref, NpsSplit, pointsDelta, Section, SectionEmpty, trendRows } from './_components/parts';
import { ReviewFigures } from './_components/reviews';
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackStats.title') };
}

const BASE = '/desk/feedback/stats';
/** One colour per FEEDBACK_KINDS entry, in its order (csat … other, review). */
const KIND_COLORS: ChartColor[] = [
  'chart-1',
  'chart-2',
  'chart-3',
  'chart-5',
  'success',
  'muted-foreground',
  'chart-4',
];

/** The period the URL asks for; a missing end means "until today", a missing start a 30-day period. */
function askedPeriod(params: { from?: string; to?: string }, today: string, fallback: Period): Period {
  if (!params.from && !params.to) return fallback;
  const to = params.to ?? today;
  return { from: params.from ?? (isDay(to) ? shiftDay(to, -29) : ''), to };
}

export default async function FeedbackStatsPage({ searchParams }: PageProps<'/desk/feedback/stats'>) {
  await requireAreaActor('access:desk:any');
  const params = pickParams(await searchParams, ['from', 'to'] as const);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const today = shopToday(requestNow(), env().SHOP_TIMEZONE);
  const fallback = presetPeriod('30d', today);

  // A hand-edited URL (inverted, absurd or malformed dates) explains itself and falls back to the
  // default period instead of failing the page.
  let periodError: string | null = null;
  let stats: FeedbackStats;
  try {
    stats = await feedbackStats({ ctx, input: askedPeriod(params, today, fallback) });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const reasons = Object.values(err.fieldErrors).map((codes) =>
      t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')),
    );
    periodError = [...new Set(reasons)].join(' ');
    stats = await feedbackStats({ ctx, input: fallback });
  }
  const taxonomy = await listTaxonomy({ ctx });

  const { current: cur, prior, period } = stats;
  const range: Period = { from: period.from, to: period.to };
  const count = (n: number) => formatCount(n, locale);
  const percent = (n: number | null) => formatPercent(n, locale);
  const signed = (n: number | null) => formatSigned(n, locale);
  const kindName = (k: string) => t.dynamic(`feedback.kinds.${k}`, undefined, k);
  const categoryName = new Map(taxonomy.categories.map((c) => [c.id, labelName(c, locale)]));

  // By category: every category with feedback now or before, with the previous count beside it.
  const priorByCategory = new Map(prior.byCategory.map((c) => [c.categoryId, c.count]));
  const categoryIds = [
    ...new Set([...cur.byCategory.map((c) => c.categoryId), ...prior.byCategory.map((c) => c.categoryId)]),
  ];
  const currentByCategory = new Map(cur.byCategory.map((c) => [c.categoryId, c.count]));
  const categoryItems = categoryIds.map((id) => ({
    key: id ?? 'none',
    name: id ? (categoryName.get(id) ?? '—') : t('feedback.uncategorized'),
    value: currentByCategory.get(id) ?? 0,
    href: inboxHref(id ? { categoryId: id } : { uncategorized: '1' }, range),
    secondary: t('feedbackStats.categories.previous', { count: count(priorByCategory.get(id) ?? 0) }),
  }));

  const csatRows = ([1, 2, 3, 4, 5] as const).map((s) => ({
    score: String(s),
    answers: cur.csat.counts[s],
    color: s <= 2 ? 'destructive' : s === 3 ? 'warning' : 'success',
  }));
  const npsRows = cur.nps.counts.map((n, s) => ({
    score: String(s),
    answers: n,
    color: s <= 6 ? 'destructive' : s <= 8 ? 'warning' : 'success',
  }));
  const trendDefault = period.days <= 120 ? 'weekly' : 'monthly';
  const trendLabels = {
    csat: t('feedbackStats.trends.csat'),
    nps: t('feedbackStats.trends.nps'),
    total: t('feedbackStats.trends.total'),
  };

  return (
    <>
      <PageHeader title={t('feedbackStats.title')} description={t('feedbackStats.description')} />
      <FeedbackTabs />
      <PeriodPicker basePath={BASE} period={range} today={today} previous={stats.previous} />
      {periodError ? (
        <Alert variant="warning" className="mb-6" role="status" data-testid="period-error">
          <AlertTriangle />
          <AlertTitle>{periodError}</AlertTitle>
          <AlertDescription>{t('feedbackStats.period.invalid')}</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6">
        <div className="grid gap-4 lg:grid-cols-3">
          <KpiCard
            testId="kpi-csat"
            title={t('feedbackStats.kpi.csat')}
            value={percent(cur.csat.percent)}
            delta={pointsDelta(t, locale, delta(cur.csat.percent, prior.csat.percent), 1)}
            description={
              <div className="grid gap-1">
                <p>
                  {cur.csat.answered
                    ? `${t('feedbackStats.kpi.answers', { count: count(cur.csat.answered) })} · ${t('feedbackStats.kpi.csatHint')}`
                    : t('feedbackStats.noAnswers')}
                </p>
                <AnswerRate
                  rate={cur.csat.answerRate}
                  answered={cur.csat.answered}
                  offered={cur.csat.offered}
                  t={t}
                  locale={locale}
                />
              </div>
            }
          />
          <KpiCard
            testId="kpi-nps"
            title={t('feedbackStats.kpi.nps')}
            value={signed(cur.nps.score)}
            delta={pointsDelta(t, locale, delta(cur.nps.score, prior.nps.score), 0)}
            description={
              <div className="grid gap-1">
                <p>
                  {cur.nps.answered
                    ? `${t('feedbackStats.kpi.answers', { count: count(cur.nps.answered) })} · ${t('feedbackStats.kpi.npsHint')}`
                    : t('feedbackStats.noAnswers')}
                </p>
                <AnswerRate
                  rate={cur.nps.answerRate}
                  answered={cur.nps.answered}
                  offered={cur.nps.offered}
                  t={t}
                  locale={locale}
                />
              </div>
            }
          >
            <NpsSplit nps={cur.nps} t={t} locale={locale} />
          </KpiCard>
          <KpiCard
            testId="kpi-volume"
            title={t('feedbackStats.kpi.volume')}
            value={count(cur.total)}
            delta={{
              value: cur.total - prior.total,
              text: signed(cur.total - prior.total),
              direction: 'neutral',
              caption: t('feedbackStats.vsPrevious'),
            }}
          >
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
              {FEEDBACK_KINDS.map((k) => {
                const change = cur.byKind[k] - prior.byKind[k];
                return (
                  <div key={k} className="flex items-center justify-between gap-2" data-testid={`kpi-kind-${k}`}>
                    <dt className="truncate text-muted-foreground">{kindName(k)}</dt>
                    <dd className="flex items-center gap-1.5 tabular-nums">
                      <span className="font-medium">{count(cur.byKind[k])}</span>
                      <span
                        className={cn(
                          'text-xs',
                          k === 'complaint' && change > 0 ? 'text-destructive' : 'text-muted-foreground',
                        )}
                        title={t('feedbackStats.kpi.change', { value: signed(change) })}
                      >
                        <span className="sr-only">{t('feedbackStats.kpi.change', { value: signed(change) })}</span>
                        <span aria-hidden="true">({signed(change)})</span>
                      </span>
                    </dd>
                  </div>
                );
              })}
            </dl>
          </KpiCard>
        </div>

        <div className="grid gap-6 lg:grid-cols-2">
          <Section
            title={t('feedbackStats.distribution.csatTitle')}
            description={t('feedbackStats.distribution.csatDescription')}
            testId="csat-distribution"
          >
            {cur.csat.answered ? (
              <BarChart
                data={csatRows}
                index="score"
                categories={['answers']}
                categoryLabels={{ answers: t('feedbackStats.distribution.answers') }}
                colorKey="color"
                legendItems={[
                  { label: t('feedbackStats.bands.csatLow'), color: 'destructive' },
                  { label: t('feedbackStats.bands.csatMid'), color: 'warning' },
                  { label: t('feedbackStats.bands.csatHigh'), color: 'success' },
                ]}
                format="integer"
                label={t('feedbackStats.distribution.csatTitle')}
                indexLabel={t('feedbackStats.distribution.score')}
                className="h-60"
              />
            ) : (
              <SectionEmpty title={t('feedbackStats.noAnswers')} hint={t('feedbackStats.noAnswersHint')} />
            )}
          </Section>
          <Section
            title={t('feedbackStats.distribution.npsTitle')}
            description={t('feedbackStats.distribution.npsDescription')}
            testId="nps-distribution"
          >
            {cur.nps.answered ? (
              <BarChart
                data={npsRows}
                index="score"
                categories={['answers']}
                categoryLabels={{ answers: t('feedbackStats.distribution.answers') }}
                colorKey="color"
                legendItems={[
                  { label: t('feedbackStats.bands.detractors'), color: 'destructive' },
                  { label: t('feedbackStats.bands.passives'), color: 'warning' },
                  { label: t('feedbackStats.bands.promoters'), color: 'success' },
                ]}
                format="integer"
                label={t('feedbackStats.distribution.npsTitle')}
                indexLabel={t('feedbackStats.distribution.score')}
                className="h-60"
              />
            ) : (
              <SectionEmpty title={t('feedbackStats.noAnswers')} hint={t('feedbackStats.noAnswersHint')} />
            )}
          </Section>
        </div>

        <ReviewFigures stats={stats} t={t} locale={locale} range={range} />

        <Section
          title={t('feedbackStats.trends.title')}
          description={t('feedbackStats.trends.description')}
          testId="trends"
        >
          {cur.total ? (
            <Tabs defaultValue={trendDefault} className="gap-4">
              <TabsList>
                <TabsTrigger value="weekly">{t('feedbackStats.trends.weekly')}</TabsTrigger>
                <TabsTrigger value="monthly">{t('feedbackStats.trends.monthly')}</TabsTrigger>
              </TabsList>
              {(['weekly', 'monthly'] as const).map((unit) => {
                const rows = trendRows(
                  unit === 'weekly' ? stats.weekly : stats.monthly,
                  range,
                  unit === 'weekly' ? 'week' : 'month',
                  locale,
                );
                const indexLabel = t(unit === 'weekly' ? 'feedbackStats.trends.week' : 'feedbackStats.trends.month');
                return (
                  <TabsContent key={unit} value={unit} className="grid gap-6 xl:grid-cols-2">
                    <div className="grid min-w-0 gap-2">
                      <h3 className="text-sm font-medium">{t('feedbackStats.trends.scores')}</h3>
                      <AreaChart
                        data={rows}
                        index="bucket"
                        categories={['csat', 'nps']}
                        categoryLabels={trendLabels}
                        colors={['chart-1', 'chart-2']}
                        fill="none"
                        minValue={-100}
                        maxValue={100}
                        connectNulls
                        showDots
                        format={{ maximumFractionDigits: 1 }}
                        label={`${t('feedbackStats.trends.scores')} (${t(`feedbackStats.trends.${unit}`)})`}
                        indexLabel={indexLabel}
                        className="h-64"
                      />
                    </div>
                    <div className="grid min-w-0 gap-2">
                      <h3 className="text-sm font-medium">{t('feedbackStats.trends.volume')}</h3>
                      <BarChart
                        data={rows}
                        index="bucket"
                        categories={['total']}
                        categoryLabels={trendLabels}
                        colors={['chart-3']}
                        format="integer"
                        label={`${t('feedbackStats.trends.volume')} (${t(`feedbackStats.trends.${unit}`)})`}
                        indexLabel={indexLabel}
                        className="h-64"
                      />
                    </div>
                  </TabsContent>
                );
              })}
              <p className="text-xs text-muted-foreground">{t('feedbackStats.trends.note')}</p>
            </Tabs>
          ) : (
            <SectionEmpty title={t('feedbackStats.noFeedback')} hint={t('feedbackStats.noAnswersHint')} />
          )}
        </Section>

        <div className="grid gap-6 lg:grid-cols-3">
          <Section
            title={t('feedbackStats.categories.title')}
            description={t('feedbackStats.categories.description')}
            className="lg:col-span-2"
            testId="by-category"
          >
            {categoryItems.length ? (
              <BarList data={categoryItems} valueFormatter={count} label={t('feedbackStats.categories.title')} />
            ) : (
              <SectionEmpty title={t('feedbackStats.categories.empty')} />
            )}
          </Section>
          <Section
            title={t('feedbackStats.kinds.title')}
            description={t('feedbackStats.kinds.description')}
            testId="by-kind"
          >
            {cur.total ? (
              <DonutChart
                data={FEEDBACK_KINDS.map((k) => ({ kind: kindName(k), count: cur.byKind[k] }))}
                index="kind"
                category="count"
                categoryLabel={t('feedbackStats.kinds.count')}
                indexLabel={t('feedbackStats.kinds.kind')}
                colors={KIND_COLORS}
                format="integer"
                label={t('feedbackStats.kinds.title')}
                className="h-40"
              />
            ) : (
              <SectionEmpty title={t('feedbackStats.noFeedback')} />
            )}
          </Section>
        </div>

        <FeedbackBreakdowns stats={stats} t={t} locale={locale} range={range} />
      </div>
    </>
  );
}
