import Link from 'next/link';
import { LifeBuoy } from 'lucide-react';
import { AreaChart } from '@/components/charts/area-chart';
import { BarList } from '@/components/charts/bar-list';
import { colorVar, seriesColor } from '@/components/charts/colors';
import { DonutChart } from '@/components/charts/donut-chart';
import { KpiCard } from '@/components/charts/kpi-card';
import { LineChart } from '@/components/charts/line-chart';
import type { Dashboard } from '@/lib/analytics/dashboard';
import { cn } from '@/lib/utils';
import {
  DrillLink,
  GroupHeading,
  Note,
  pointsDelta,
  rateText,
  relativeDelta,
  Section,
  SectionEmpty,
  type ReportKit,
} from './parts';
import { casesByDay, SLA_STAGES } from '@/lib/analytics/report/params';

/** After-sales in the period: volumes, rate, cost, times, backlog and its age, type mix, SLA compliance. */
export function AfterSalesSection({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t, links } = k;
  const { current: cur, previous: prev } = d.afterSales;
  const days = casesByDay(d.afterSales.daily, d.period, d.afterSales.backlogStart).map((r) => ({
    day: k.day(r.day),
    opened: r.opened,
    resolved: r.resolved,
    backlog: r.backlog,
  }));
  const hasActivity = d.afterSales.daily.some((r) => r.opened || r.resolved);
  const openNow = d.backlogAge.reduce((sum, b) => sum + b.n, 0);
  const typeTotal = d.afterSales.byType.reduce((sum, r) => sum + r.opened, 0);
  return (
    <section aria-labelledby="after-sales" className="grid gap-6">
      <GroupHeading
        id="after-sales"
        icon={<LifeBuoy />}
        title={t('reports.afterSales.title')}
        description={t('reports.afterSales.description')}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
        <KpiCard
          testId="kpi-opened"
          className="break-inside-avoid"
          title={t('reports.afterSales.opened')}
          value={k.count(cur.opened)}
          delta={relativeDelta(k, cur.opened, prev.opened, 'lowerIsBetter')}
          description={t('reports.previousValue', { value: k.count(prev.opened) })}
        >
          <DrillLink href={links?.cases()}>{t('reports.drill.cases')}</DrillLink>
        </KpiCard>
        <KpiCard
          testId="kpi-resolved"
          className="break-inside-avoid"
          title={t('reports.afterSales.resolved')}
          value={k.count(cur.resolved)}
          delta={relativeDelta(k, cur.resolved, prev.resolved, 'higherIsBetter')}
          description={t('reports.previousValue', { value: k.count(prev.resolved) })}
        />
        <KpiCard
          testId="kpi-rate"
          className="break-inside-avoid"
          title={t('reports.afterSales.rate')}
          value={rateText(k, cur.rate)}
          delta={pointsDelta(k, cur.rate, prev.rate, 'lowerIsBetter', 2)}
          description={t('reports.afterSales.rateHint', {
            opened: k.count(cur.opened),
            delivered: k.count(cur.delivered),
          })}
        />
        <KpiCard
          testId="kpi-cost"
          className="break-inside-avoid"
          title={t('reports.afterSales.cost')}
          value={k.money(cur.costCents)}
          delta={relativeDelta(k, cur.costCents, prev.costCents, 'lowerIsBetter')}
        >
          <dl className="grid grid-cols-3 gap-2 text-xs">
            {(
              [
                ['refund', cur.refundCents],
                ['compensation', cur.compensationCents],
                ['freight', cur.freightCents],
              ] as const
            ).map(([key, cents]) => (
              <div key={key} className="grid gap-0.5">
                <dt className="text-muted-foreground">{t(`reports.afterSales.costParts.${key}`)}</dt>
                <dd className="font-medium tabular-nums">{k.money(cents)}</dd>
              </div>
            ))}
          </dl>
        </KpiCard>
        <KpiCard
          testId="kpi-first-response"
          className="break-inside-avoid"
          title={t('reports.afterSales.firstResponse')}
          value={k.duration(cur.firstResponseAvgMinutes)}
          delta={relativeDelta(k, cur.firstResponseAvgMinutes, prev.firstResponseAvgMinutes, 'lowerIsBetter')}
          description={t('reports.previousValue', { value: k.duration(prev.firstResponseAvgMinutes) })}
        />
        <KpiCard
          testId="kpi-resolution"
          className="break-inside-avoid"
          title={t('reports.afterSales.resolution')}
          value={k.duration(cur.resolutionAvgMinutes)}
          delta={relativeDelta(k, cur.resolutionAvgMinutes, prev.resolutionAvgMinutes, 'lowerIsBetter')}
          description={t('reports.previousValue', { value: k.duration(prev.resolutionAvgMinutes) })}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-3 print:grid-cols-3 print:gap-4">
        <Section
          className="lg:col-span-2 print:col-span-2"
          title={t('reports.afterSales.perDay')}
          description={t('reports.afterSales.backlogAtEnd', { count: k.count(d.afterSales.backlog) })}
          drill={<DrillLink href={links?.cases()}>{t('reports.drill.cases')}</DrillLink>}
          testId="cases-per-day"
        >
          {hasActivity ? (
            <div className="grid gap-6">
              <LineChart
                data={days}
                index="day"
                categories={['opened', 'resolved']}
                categoryLabels={{ opened: t('reports.afterSales.opened'), resolved: t('reports.afterSales.resolved') }}
                colors={['chart-1', 'chart-2']}
                format="integer"
                label={t('reports.afterSales.perDay')}
                indexLabel={t('reports.day')}
                className="h-56"
              />
              <div className="grid gap-2">
                <h3 className="text-sm font-medium">{t('reports.afterSales.backlog')}</h3>
                <AreaChart
                  data={days}
                  index="day"
                  categories={['backlog']}
                  categoryLabels={{ backlog: t('reports.afterSales.backlog') }}
                  colors={['chart-3']}
                  format="integer"
                  label={t('reports.afterSales.backlog')}
                  indexLabel={t('reports.day')}
                  className="h-44"
                />
              </div>
            </div>
          ) : (
            <SectionEmpty title={t('reports.afterSales.empty')} hint={t('reports.emptyHint')} />
          )}
        </Section>
        <Section
          title={t('reports.afterSales.age')}
          description={t('reports.afterSales.ageDescription', { count: k.count(openNow) })}
          testId="backlog-age"
        >
          {openNow ? (
            <div className="grid gap-4">
              <BarList
                label={t('reports.afterSales.age')}
                sortOrder="none"
                color="chart-4"
                data={d.backlogAge.map((b) => ({
                  key: b.bucket,
                  name: t(`reports.afterSales.ageBuckets.${b.bucket}`),
                  value: b.n,
                }))}
                valueFormatter={k.count}
              />
              <Note>{t('reports.afterSales.ageNote')}</Note>
              <DrillLink href={links?.cases({}, { period: false })}>{t('reports.drill.open')}</DrillLink>
            </div>
          ) : (
            <SectionEmpty title={t('reports.afterSales.noBacklog')} />
          )}
        </Section>
      </div>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-4">
        <Section
          title={t('reports.afterSales.types')}
          description={t('reports.afterSales.typesDescription')}
          testId="case-types"
        >
          {typeTotal ? (
            <div className="grid items-center gap-6 sm:grid-cols-[10rem_minmax(0,1fr)]">
              <DonutChart
                data={d.afterSales.byType.map((r) => ({ type: k.caseType(r.type), opened: r.opened }))}
                index="type"
                category="opened"
                categoryLabel={t('reports.afterSales.opened')}
                indexLabel={t('reports.afterSales.type')}
                format="integer"
                showLegend={false}
                label={t('reports.afterSales.types')}
                className="h-40"
              />
              <ul className="grid gap-1.5 text-sm">
                {d.afterSales.byType.map((r, i) => {
                  const name = k.caseType(r.type);
                  return (
                    <li key={r.type} className="flex items-center gap-2">
                      <span
                        aria-hidden="true"
                        className="size-2.5 shrink-0 rounded-sm"
                        style={{ backgroundColor: colorVar(seriesColor(undefined, i)) }}
                      />
                      {links ? (
                        <Link
                          href={links.cases({ type: r.type })}
                          className="truncate underline-offset-4 hover:underline"
                        >
                          {name}
                        </Link>
                      ) : (
                        <span className="truncate">{name}</span>
                      )}
                      <span className="ml-auto pl-2 font-medium tabular-nums">{k.count(r.opened)}</span>
                      <span className="w-14 text-right text-xs text-muted-foreground tabular-nums">
                        {rateText(k, (r.opened / typeTotal) * 100)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : (
            <SectionEmpty title={t('reports.afterSales.empty')} />
          )}
        </Section>
        <Section title={t('reports.sla.title')} description={t('reports.sla.description')} testId="sla-compliance">
          {SLA_STAGES.some((s) => cur.sla[s].total > 0) ? (
            <>
              <ul className="grid gap-4">
                {SLA_STAGES.map((s) => {
                  const c = cur.sla[s];
                  const p = prev.sla[s];
                  const tone =
                    c.rate === null
                      ? 'bg-muted-foreground'
                      : c.rate >= 90
                        ? 'bg-success'
                        : c.rate >= 75
                          ? 'bg-warning'
                          : 'bg-destructive';
                  return (
                    <li key={s} className="grid gap-1.5" data-testid={`sla-${s}`}>
                      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                        <span className="font-medium">{t(`reports.sla.stages.${s}`)}</span>
                        <span className="tabular-nums">
                          <span className="font-semibold">{rateText(k, c.rate)}</span>
                          <span className="ml-2 text-xs text-muted-foreground">
                            {t('reports.sla.metOf', { met: k.count(c.met), total: k.count(c.total) })}
                          </span>
                        </span>
                      </div>
                      <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-muted">
                        <div className={cn('h-full rounded-full', tone)} style={{ width: `${c.rate ?? 0}%` }} />
                      </div>
                      <p className="flex flex-wrap justify-between gap-x-3 text-xs text-muted-foreground">
                        <span className={cn(c.total - c.met > 0 && 'text-destructive')}>
                          {t('reports.sla.breaches', { count: k.count(c.total - c.met) })}
                        </span>
                        <span>{t('reports.sla.previous', { rate: rateText(k, p.rate) })}</span>
                      </p>
                    </li>
                  );
                })}
              </ul>
              <Note className="mt-4">{t('reports.sla.note')}</Note>
            </>
          ) : (
            <SectionEmpty title={t('reports.sla.empty')} hint={t('reports.emptyHint')} />
          )}
        </Section>
      </div>
    </section>
  );
}
