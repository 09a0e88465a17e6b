import { Headset, MessageCircleHeart } from 'lucide-react';
import { BarChart } from '@/components/charts/bar-chart';
import { BarList } from '@/components/charts/bar-list';
import type { ChartColor } from '@/components/charts/colors';
import { formatSigned } from '@/components/charts/format';
import { KpiCard } from '@/components/charts/kpi-card';
import { labelName } from '@/components/feedback/feedback-badges';
import { weeksOf } from '@/lib/shop-calendar';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Dashboard } from '@/lib/analytics/dashboard';
import type { Taxonomy } from '@/lib/feedback/taxonomy';
import { DrillLink, GroupHeading, Note, pointsDelta, rateText, Section, SectionEmpty, type ReportKit } from './parts';

/** Categories drawn in the weekly chart; the rest are summed as "other". */
const CHART_CATEGORIES = 5;
const CATEGORY_COLORS: ChartColor[] = ['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5', 'muted-foreground'];

/** Per agent: throughput, resolution time, first responses and CSAT in the period. */
export function AgentsSection({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t, links } = k;
  const filtered = d.filters.channel || d.filters.category;
  return (
    <section aria-labelledby="agents" className="grid gap-6">
      <GroupHeading
        id="agents"
        icon={<Headset />}
        title={t('reports.agents.title')}
        description={t('reports.agents.description')}
      />
      <Card className="min-w-0 gap-0 pb-0" data-testid="agents">
        <CardHeader className="border-b pb-4">
          <CardTitle>{t('reports.agents.table')}</CardTitle>
          <CardDescription>
            {filtered ? t('reports.notes.agentsTeamOnly') : t('reports.agents.tableDescription')}
          </CardDescription>
          {links ? (
            <CardAction>
              <DrillLink href={links.cases()}>{t('reports.drill.cases')}</DrillLink>
            </CardAction>
          ) : null}
        </CardHeader>
        {d.agents.length ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t('reports.agents.agent')}</TableHead>
                <TableHead className="text-right">{t('reports.agents.resolved')}</TableHead>
                <TableHead className="text-right">{t('reports.agents.resolution')}</TableHead>
                <TableHead className="text-right">{t('reports.agents.firstResponses')}</TableHead>
                <TableHead className="pr-6 text-right">{t('reports.agents.csat')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {d.agents.map((a) => (
                <TableRow key={a.agentId} data-testid="agent-row" className="break-inside-avoid">
                  <TableCell className="pl-6 font-medium">{a.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{k.count(a.resolved)}</TableCell>
                  <TableCell className="text-right tabular-nums">{k.duration(a.resolutionAvgMinutes)}</TableCell>
                  <TableCell className="text-right tabular-nums">{k.count(a.firstResponses)}</TableCell>
                  <TableCell className="pr-6 text-right tabular-nums">
                    {rateText(k, a.csatPercent)}
                    <span className="ml-1.5 text-xs text-muted-foreground">
                      {t('reports.agents.answered', { count: k.count(a.csatAnswered) })}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <div className="p-6">
            <SectionEmpty title={t('reports.agents.empty')} hint={t('reports.emptyHint')} />
          </div>
        )}
      </Card>
    </section>
  );
}

/** CSAT and NPS against the previous period, and feedback per category and week. */
export function FeedbackSection({ d, k, taxonomy }: { d: Dashboard; k: ReportKit; taxonomy: Taxonomy }) {
  const { t, links, locale } = k;
  const fb = d.feedback;
  const names = new Map(taxonomy.categories.map((c) => [c.id, labelName(c, locale)]));
  const keyOf = (id: string | null) => (id ? `c_${id}` : 'none');
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? '—') : t('feedback.uncategorized'));

  // The most frequent categories get a series each, the rest one "other" series.
  const totals = new Map<string | null, number>();
  for (const w of fb.categoryWeeks) totals.set(w.categoryId, (totals.get(w.categoryId) ?? 0) + w.n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const drawn = ranked
    .slice(0, ranked.length > CHART_CATEGORIES + 1 ? CHART_CATEGORIES : ranked.length)
    .map(([id]) => id);
  const hasOther = ranked.length > drawn.length;
  const series = [...drawn.map(keyOf), ...(hasOther ? ['other'] : [])];
  const labels: Record<string, string> = Object.fromEntries(drawn.map((id) => [keyOf(id), nameOf(id)]));
  if (hasOther) labels.other = t('reports.feedback.other');
  const byWeek = new Map<string, Record<string, number>>();
  for (const w of fb.categoryWeeks) {
    const row = byWeek.get(w.week) ?? {};
    const key = drawn.includes(w.categoryId) ? keyOf(w.categoryId) : 'other';
    row[key] = (row[key] ?? 0) + w.n;
    byWeek.set(w.week, row);
  }
  const rows = weeksOf(d.period).map((week) => ({
    week: k.day(week),
    ...Object.fromEntries(series.map((s) => [s, byWeek.get(week)?.[s] ?? 0])),
  }));
  const filtered = d.filters.channel || d.filters.category || d.filters.teamId;

  return (
    <section aria-labelledby="feedback" className="grid gap-6">
      <GroupHeading
        id="feedback"
        icon={<MessageCircleHeart />}
        title={t('reports.feedback.title')}
        description={t('reports.feedback.description')}
      />
      {filtered ? <Note className="-mt-3">{t('reports.notes.feedbackUnfiltered')}</Note> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <KpiCard
          testId="kpi-csat"
          className="break-inside-avoid"
          title={t('reports.feedback.csat')}
          value={rateText(k, fb.csat.percent)}
          delta={pointsDelta(k, fb.csat.percent, fb.csat.previousPercent, 'higherIsBetter')}
          description={
            <>
              <p>
                {fb.csat.answered
                  ? t('reports.feedback.answers', { count: k.count(fb.csat.answered) })
                  : t('reports.feedback.noAnswers')}
              </p>
              <p>{t('reports.previousValue', { value: rateText(k, fb.csat.previousPercent) })}</p>
            </>
          }
        />
        <KpiCard
          testId="kpi-nps"
          className="break-inside-avoid"
          title={t('reports.feedback.nps')}
          value={formatSigned(fb.nps.score, locale)}
          delta={pointsDelta(k, fb.nps.score, fb.nps.previousScore, 'higherIsBetter', 0)}
          description={
            <>
              <p>
                {fb.nps.answered
                  ? t('reports.feedback.answers', { count: k.count(fb.nps.answered) })
                  : t('reports.feedback.noAnswers')}
              </p>
              <p>{t('reports.previousValue', { value: formatSigned(fb.nps.previousScore, locale) })}</p>
            </>
          }
        />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3 print:grid-cols-3 print:gap-4">
        <Section
          className="lg:col-span-2 print:col-span-2"
          title={t('reports.feedback.weekly')}
          description={t('reports.feedback.weeklyDescription')}
          testId="feedback-weekly"
        >
          {ranked.length ? (
            <BarChart
              data={rows}
              index="week"
              categories={series}
              categoryLabels={labels}
              colors={CATEGORY_COLORS}
              stack
              format="integer"
              label={t('reports.feedback.weekly')}
              indexLabel={t('reports.feedback.week')}
              className="h-64"
            />
          ) : (
            <SectionEmpty title={t('reports.feedback.empty')} hint={t('reports.emptyHint')} />
          )}
        </Section>
        <Section
          title={t('reports.feedback.byCategory')}
          description={t('reports.feedback.byCategoryDescription')}
          drill={<DrillLink href={links?.feedback()}>{t('reports.drill.feedback')}</DrillLink>}
          testId="feedback-categories"
        >
          {ranked.length ? (
            <BarList
              label={t('reports.feedback.byCategory')}
              color="chart-2"
              data={ranked.map(([id, n]) => ({
                key: id ?? 'none',
                name: nameOf(id),
                value: n,
                href: links?.feedback(id ? { categoryId: id } : { uncategorized: '1' }),
              }))}
              valueFormatter={k.count}
            />
          ) : (
            <SectionEmpty title={t('reports.feedback.empty')} />
          )}
        </Section>
      </div>
    </section>
  );
}
