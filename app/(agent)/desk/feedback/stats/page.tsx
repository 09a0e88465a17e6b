import type { Metadata } from 'next';
import { AlertTriangle, BarChart3, Info, MessageSquareText } from 'lucide-react';
import Link from 'next/link';
import { AreaChart } from '@/components/charts/area-chart';
import { BarChart } from '@/components/charts/bar-chart';
import { BarList } from '@/components/charts/bar-list';
import type { ChartColor } from '@/components/charts/colors';
import { DonutChart } from '@/components/charts/donut-chart';
import { formatCount, formatPercent, formatSigned } from '@/components/charts/format';
import { DeltaBadge, KpiCard, type KpiDelta } from '@/components/charts/kpi-card';
import { pickParams } from '@/components/data/search-params';
import { labelName } from '@/components/feedback/feedback-badges';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { isDay, PeriodPicker, presetPeriod, shiftDay, shopToday, type Period } from '@/components/feedback/period-picker';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { delta } from '@/lib/feedback/metrics';
import { FEEDBACK_KINDS } from '@/lib/feedback/schemas';
import { feedbackStats, type FeedbackStats, type TrendPoint } from '@/lib/feedback/stats';
import { listTaxonomy } from '@/lib/feedback/taxonomy';
import type { Locale } from '@/lib/i18n/config';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { requestNow } from '@/lib/time';
import { cn } from '@/lib/utils';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackStats.title') };
}

const BASE = '/desk/feedback/stats';
const KIND_COLORS: ChartColor[] = ['chart-1', 'chart-2', 'chart-3', 'chart-5', 'success', 'muted-foreground'];

/** The period the URL asks for; a missing end means "until today", a missing start a 30-day period. */
function askedPeriod(params: { from?: string; to?: string }, today: string, fallback: Period): Period {
  if (!params.from && !params.to) return fallback;
  const to = params.to ?? today;
  return { from: params.from ?? (isDay(to) ? shiftDay(to, -29) : ''), to };
}

function inboxHref(params: Record<string, string>, period: Period): string {
  return `/desk/feedback?${new URLSearchParams({ ...params, from: period.from, to: period.to })}`;
}

/** Every week (Monday) or month in the period, so quiet weeks show as gaps rather than vanish. */
function fillBuckets(points: TrendPoint[], period: Period, unit: 'week' | 'month'): (TrendPoint | { bucket: string; total: 0; csatPercent: null; nps: null })[] {
  const byBucket = new Map(points.map((p) => [p.bucket, p]));
  const buckets: string[] = [];
  if (unit === 'week') {
    const dow = new Date(`${period.from}T00:00:00Z`).getUTCDay();
    for (let d = shiftDay(period.from, -((dow + 6) % 7)); d <= period.to; d = shiftDay(d, 7)) buckets.push(d);
  } else {
    for (let m = `${period.from.slice(0, 7)}-01`; m <= period.to; ) {
      buckets.push(m);
      const [y, mo] = m.split('-').map(Number) as [number, number];
      m = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    }
  }
  return buckets.map((b) => byBucket.get(b) ?? { bucket: b, total: 0, csatPercent: null, nps: null });
}

function trendRows(points: TrendPoint[], period: Period, unit: 'week' | 'month', locale: Locale) {
  const f = new Intl.DateTimeFormat(locale, unit === 'week' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'short', timeZone: 'UTC' });
  return fillBuckets(points, period, unit).map((p) => ({
    bucket: f.format(new Date(`${p.bucket}T00:00:00Z`)),
    csat: p.csatPercent === null ? null : Math.round(p.csatPercent * 10) / 10,
    nps: p.nps === null ? null : Math.round(p.nps),
    total: p.total,
  }));
}

function pointsDelta(t: Translate, locale: Locale, value: number | null, fractionDigits: number): KpiDelta {
  return value === null
    ? { value: null, text: '—', caption: t('feedbackStats.noComparison') }
    : { value, text: t('feedbackStats.points', { value: formatSigned(value, locale, fractionDigits) }), caption: t('feedbackStats.vsPrevious'), direction: 'higherIsBetter' };
}

function Section({ title, description, children, className, testId }: { title: string; description?: string; children: React.ReactNode; className?: string; testId?: string }) {
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

function SectionEmpty({ title, hint }: { title: string; hint?: string }) {
  return <EmptyState icon={<BarChart3 />} title={title} description={hint} className="py-8" />;
}

/** Promoters / passives / detractors as one proportional bar with their counts. */
function NpsSplit({ nps, t, locale }: { nps: FeedbackStats['current']['nps']; t: Translate; locale: Locale }) {
  const parts = [
    { key: 'promoters', n: nps.promoters, color: 'bg-success' },
    { key: 'passives', n: nps.passives, color: 'bg-warning' },
    { key: 'detractors', n: nps.detractors, color: 'bg-destructive' },
  ] as const;
  return (
    <div className="grid gap-2">
      {nps.answered > 0 ? (
        <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-muted">
          {parts.map((p) => (p.n ? <div key={p.key} className={p.color} style={{ width: `${(p.n / nps.answered) * 100}%` }} /> : null))}
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

function AnswerRate({ rate, answered, offered, t, locale }: { rate: number | null; answered: number; offered: number; t: Translate; locale: Locale }) {
  if (rate === null) {
    return (
      <p className="flex items-start gap-1.5 text-xs">
        <Info aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
        {t('feedbackStats.kpi.noneOffered')}
      </p>
    );
  }
  return <p>{t('feedbackStats.kpi.answerRate', { rate: formatPercent(rate, locale), answered: formatCount(answered, locale), offered: formatCount(offered, locale) })}</p>;
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
    const reasons = Object.values(err.fieldErrors).map((codes) => t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')));
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
  const categoryIds = [...new Set([...cur.byCategory.map((c) => c.categoryId), ...prior.byCategory.map((c) => c.categoryId)])];
  const currentByCategory = new Map(cur.byCategory.map((c) => [c.categoryId, c.count]));
  const categoryItems = categoryIds.map((id) => ({
    key: id ?? 'none',
    name: id ? (categoryName.get(id) ?? '—') : t('feedback.uncategorized'),
    value: currentByCategory.get(id) ?? 0,
    href: inboxHref(id ? { categoryId: id } : { uncategorized: '1' }, range),
    secondary: t('feedbackStats.categories.previous', { count: count(priorByCategory.get(id) ?? 0) }),
  }));

  const priorAgents = new Map(prior.byAgent.map((a) => [a.agentId, a]));
  // The previous period's word list is a top 40 too: a word missing from a full list was not said.
  const priorWords = new Map(prior.words.map((w) => [w.word, w.count]));
  const priorWordsComplete = prior.words.length < 40;
  const words = cur.words.slice(0, 30);
  const maxWord = Math.max(1, ...words.map((w) => w.count));
  const minWord = Math.min(maxWord, ...words.map((w) => w.count));

  const csatRows = ([1, 2, 3, 4, 5] as const).map((s) => ({ score: String(s), answers: cur.csat.counts[s], color: s <= 2 ? 'destructive' : s === 3 ? 'warning' : 'success' }));
  const npsRows = cur.nps.counts.map((n, s) => ({ score: String(s), answers: n, color: s <= 6 ? 'destructive' : s <= 8 ? 'warning' : 'success' }));
  const trendDefault = period.days <= 120 ? 'weekly' : 'monthly';
  const trendLabels = { csat: t('feedbackStats.trends.csat'), nps: t('feedbackStats.trends.nps'), total: t('feedbackStats.trends.total') };

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
                <p>{cur.csat.answered ? `${t('feedbackStats.kpi.answers', { count: count(cur.csat.answered) })} · ${t('feedbackStats.kpi.csatHint')}` : t('feedbackStats.noAnswers')}</p>
                <AnswerRate rate={cur.csat.answerRate} answered={cur.csat.answered} offered={cur.csat.offered} t={t} locale={locale} />
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
                <p>{cur.nps.answered ? `${t('feedbackStats.kpi.answers', { count: count(cur.nps.answered) })} · ${t('feedbackStats.kpi.npsHint')}` : t('feedbackStats.noAnswers')}</p>
                <AnswerRate rate={cur.nps.answerRate} answered={cur.nps.answered} offered={cur.nps.offered} t={t} locale={locale} />
              </div>
            }
          >
            <NpsSplit nps={cur.nps} t={t} locale={locale} />
          </KpiCard>
          <KpiCard
            testId="kpi-volume"
            title={t('feedbackStats.kpi.volume')}
            value={count(cur.total)}
            delta={{ value: cur.total - prior.total, text: signed(cur.total - prior.total), direction: 'neutral', caption: t('feedbackStats.vsPrevious') }}
          >
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
              {FEEDBACK_KINDS.map((k) => {
                const change = cur.byKind[k] - prior.byKind[k];
                return (
                  <div key={k} className="flex items-center justify-between gap-2" data-testid={`kpi-kind-${k}`}>
                    <dt className="truncate text-muted-foreground">{kindName(k)}</dt>
                    <dd className="flex items-center gap-1.5 tabular-nums">
                      <span className="font-medium">{count(cur.byKind[k])}</span>
                      <span className={cn('text-xs', k === 'complaint' && change > 0 ? 'text-destructive' : 'text-muted-foreground')} title={t('feedbackStats.kpi.change', { value: signed(change) })}>
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
          <Section title={t('feedbackStats.distribution.csatTitle')} description={t('feedbackStats.distribution.csatDescription')} testId="csat-distribution">
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
          <Section title={t('feedbackStats.distribution.npsTitle')} description={t('feedbackStats.distribution.npsDescription')} testId="nps-distribution">
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

        <Section title={t('feedbackStats.trends.title')} description={t('feedbackStats.trends.description')} testId="trends">
          {cur.total ? (
            <Tabs defaultValue={trendDefault} className="gap-4">
              <TabsList>
                <TabsTrigger value="weekly">{t('feedbackStats.trends.weekly')}</TabsTrigger>
                <TabsTrigger value="monthly">{t('feedbackStats.trends.monthly')}</TabsTrigger>
              </TabsList>
              {(['weekly', 'monthly'] as const).map((unit) => {
                const rows = trendRows(unit === 'weekly' ? stats.weekly : stats.monthly, range, unit === 'weekly' ? 'week' : 'month', locale);
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
          <Section title={t('feedbackStats.categories.title')} description={t('feedbackStats.categories.description')} className="lg:col-span-2" testId="by-category">
            {categoryItems.length ? (
              <BarList data={categoryItems} valueFormatter={count} label={t('feedbackStats.categories.title')} />
            ) : (
              <SectionEmpty title={t('feedbackStats.categories.empty')} />
            )}
          </Section>
          <Section title={t('feedbackStats.kinds.title')} description={t('feedbackStats.kinds.description')} testId="by-kind">
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

        <Card className="min-w-0 gap-0 pb-0" data-testid="by-product">
          <CardHeader className="border-b pb-4">
            <CardTitle>{t('feedbackStats.products.title')}</CardTitle>
            <CardDescription>{t('feedbackStats.products.description')}</CardDescription>
          </CardHeader>
          {stats.byProduct.length ? (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t('feedbackStats.products.product')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.products.total')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.products.complaints')}</TableHead>
                  <TableHead className="text-right">{t('feedbackStats.products.csat')}</TableHead>
                  <TableHead className="pr-6 text-right">{t('feedbackStats.products.nps')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {stats.byProduct.map((p) => (
                  <TableRow key={p.productId}>
                    <TableCell className="max-w-80 truncate pl-6 font-medium">
                      <Link href={inboxHref({ productId: p.productId }, range)} className="underline-offset-4 hover:underline">
                        {p.name}
                      </Link>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{count(p.total)}</TableCell>
                    <TableCell className={cn('text-right tabular-nums', p.complaints > 0 && 'text-destructive')}>{count(p.complaints)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {percent(p.csatPercent)}
                      {p.csatAnswered ? <span className="block text-xs text-muted-foreground">{t('feedbackStats.products.answers', { count: count(p.csatAnswered) })}</span> : null}
                    </TableCell>
                    <TableCell className="pr-6 text-right tabular-nums">
                      {signed(p.nps)}
                      {p.npsAnswered ? <span className="block text-xs text-muted-foreground">{t('feedbackStats.products.answers', { count: count(p.npsAnswered) })}</span> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <div className="p-6">
              <SectionEmpty title={t('feedbackStats.products.empty')} />
            </div>
          )}
        </Card>

        <div className="grid items-start gap-6 xl:grid-cols-2">
          <Card className="min-w-0 gap-0 pb-0" data-testid="by-agent">
            <CardHeader className="border-b pb-4">
              <CardTitle>{t('feedbackStats.agents.title')}</CardTitle>
              <CardDescription>{t('feedbackStats.agents.description')}</CardDescription>
            </CardHeader>
            {cur.byAgent.length ? (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead className="pl-6">{t('feedbackStats.agents.agent')}</TableHead>
                    <TableHead className="text-right">{t('feedbackStats.agents.answers')}</TableHead>
                    <TableHead className="text-right">{t('feedbackStats.agents.csat')}</TableHead>
                    <TableHead className="text-right">{t('feedbackStats.agents.previous')}</TableHead>
                    <TableHead className="pr-6 text-right">{t('feedbackStats.agents.change')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {cur.byAgent.map((a) => {
                    const before = priorAgents.get(a.agentId)?.percent ?? null;
                    const d = delta(a.percent, before);
                    return (
                      <TableRow key={a.agentId} data-testid="agent-csat" data-agent={a.name} data-answered={a.answered} data-good={a.good}>
                        <TableCell className="pl-6 font-medium">{a.name}</TableCell>
                        <TableCell className="text-right tabular-nums">{count(a.answered)}</TableCell>
                        <TableCell className="text-right tabular-nums">{percent(a.percent)}</TableCell>
                        <TableCell className="text-right text-muted-foreground tabular-nums">{percent(before)}</TableCell>
                        <TableCell className="pr-6 text-right">
                          {d === null ? <span className="text-muted-foreground">—</span> : <DeltaBadge delta={{ value: d, text: t('feedbackStats.points', { value: formatSigned(d, locale, 1) }) }} />}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            ) : (
              <div className="p-6">
                <SectionEmpty title={t('feedbackStats.agents.empty')} />
              </div>
            )}
          </Card>

          <Section title={t('feedbackStats.words.title')} description={t('feedbackStats.words.description')} testId="words">
            {words.length ? (
              <ul aria-label={t('feedbackStats.words.label')} className="flex flex-wrap items-baseline gap-2">
                {words.map((w) => {
                  const before = priorWords.get(w.word);
                  const change = before !== undefined ? w.count - before : priorWordsComplete ? w.count : null;
                  const isNew = before === undefined && priorWordsComplete;
                  // Five type sizes from the rarest to the most frequent word shown: the cloud reads at a
                  // glance, the counts give the figures. All equally frequent: all the same middle size.
                  const size = maxWord === minWord ? 'text-sm' : ['text-xs', 'text-sm', 'text-base', 'text-lg', 'text-xl'][Math.round(((w.count - minWord) / (maxWord - minWord)) * 4)];
                  return (
                    <li key={w.word} className="inline-flex items-baseline gap-1.5 rounded-full border bg-muted/40 px-3 py-1" title={t('feedbackStats.words.count', { count: count(w.count) })}>
                      <span className={cn('font-medium', size)}>{w.word}</span>
                      <span className="text-xs text-muted-foreground tabular-nums">
                        <span className="sr-only">{t('feedbackStats.words.count', { count: count(w.count) })}</span>
                        <span aria-hidden="true">{count(w.count)}</span>
                      </span>
                      {isNew ? (
                        <span className="text-xs font-medium text-primary">{t('feedbackStats.words.new')}</span>
                      ) : change ? (
                        <span className={cn('text-xs tabular-nums', change > 0 ? 'text-foreground' : 'text-muted-foreground')}>
                          <span className="sr-only">{t('feedbackStats.kpi.change', { value: signed(change) })}</span>
                          <span aria-hidden="true">{change > 0 ? '▲' : '▼'}{count(Math.abs(change))}</span>
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <EmptyState icon={<MessageSquareText />} title={t('feedbackStats.words.empty')} className="py-8" />
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
