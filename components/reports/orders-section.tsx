import { ShoppingBag } from 'lucide-react';
import { AreaChart } from '@/components/charts/area-chart';
import { BarChart } from '@/components/charts/bar-chart';
import { BarList } from '@/components/charts/bar-list';
import { KpiCard } from '@/components/charts/kpi-card';
import type { Dashboard } from '@/lib/analytics/dashboard';
import { DrillLink, GroupHeading, Note, relativeDelta, Section, SectionEmpty, type ReportKit } from './parts';
import { ordersByDay } from '@/lib/analytics/report/params';

/** Orders placed in the period: count, GMV, average order value, per day, by channel and by status. */
export function OrdersSection({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t, links } = k;
  const { current: cur, previous: prev } = d.orders;
  const days = ordersByDay(d.orders.daily, d.period).map((r) => ({
    day: k.day(r.day),
    orders: r.orders,
    gmv: r.gmvCents / 100,
  }));
  const moneyAxis = { style: 'currency', currency: k.currency, maximumFractionDigits: 0 } as const;
  const hasOrders = cur.orders > 0;
  return (
    <section aria-labelledby="orders" className="grid gap-6">
      <GroupHeading
        id="orders"
        icon={<ShoppingBag />}
        title={t('reports.orders.title')}
        description={t('reports.orders.description')}
      />
      {d.filters.teamId ? <Note className="-mt-3">{t('reports.notes.ordersNoTeam')}</Note> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <KpiCard
          testId="kpi-orders"
          className="break-inside-avoid"
          title={t('reports.orders.count')}
          value={k.count(cur.orders)}
          delta={relativeDelta(k, cur.orders, prev.orders, 'higherIsBetter')}
          description={t('reports.previousValue', { value: k.count(prev.orders) })}
        >
          <DrillLink href={links?.orders()}>{t('reports.drill.orders')}</DrillLink>
        </KpiCard>
        <KpiCard
          testId="kpi-gmv"
          className="break-inside-avoid"
          title={t('reports.orders.gmv')}
          value={k.money(cur.gmvCents)}
          delta={relativeDelta(k, cur.gmvCents, prev.gmvCents, 'higherIsBetter')}
          description={
            <>
              <p>{t('reports.previousValue', { value: k.money(prev.gmvCents) })}</p>
              <p className="text-xs">
                {t(d.filters.category ? 'reports.orders.gmvCategoryHint' : 'reports.orders.gmvHint')}
              </p>
            </>
          }
        />
        <KpiCard
          testId="kpi-aov"
          className="break-inside-avoid"
          title={t('reports.orders.aov')}
          value={cur.aovCents === null ? '—' : k.money(cur.aovCents)}
          delta={relativeDelta(k, cur.aovCents, prev.aovCents, 'higherIsBetter')}
          description={t('reports.orders.aovHint', { count: k.count(cur.soldOrders) })}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-4">
        <Section
          title={t('reports.orders.perDay')}
          description={t('reports.orders.perDayDescription')}
          testId="orders-per-day"
        >
          {hasOrders ? (
            <BarChart
              data={days}
              index="day"
              categories={['orders']}
              categoryLabels={{ orders: t('reports.orders.count') }}
              colors={['chart-1']}
              format="integer"
              label={t('reports.orders.perDay')}
              indexLabel={t('reports.day')}
              className="h-60"
            />
          ) : (
            <SectionEmpty title={t('reports.orders.empty')} hint={t('reports.emptyHint')} />
          )}
        </Section>
        <Section
          title={t('reports.orders.gmvPerDay')}
          description={t('reports.orders.gmvPerDayDescription')}
          testId="gmv-per-day"
        >
          {hasOrders ? (
            <AreaChart
              data={days}
              index="day"
              categories={['gmv']}
              categoryLabels={{ gmv: t('reports.orders.gmv') }}
              colors={['chart-2']}
              format={moneyAxis}
              yAxisWidth={80}
              label={t('reports.orders.gmvPerDay')}
              indexLabel={t('reports.day')}
              className="h-60"
            />
          ) : (
            <SectionEmpty title={t('reports.orders.empty')} hint={t('reports.emptyHint')} />
          )}
        </Section>
      </div>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-4">
        <Section
          title={t('reports.orders.byChannel')}
          description={t('reports.orders.byChannelDescription')}
          testId="orders-by-channel"
        >
          {d.orders.byChannel.length ? (
            <BarList
              label={t('reports.orders.byChannel')}
              data={d.orders.byChannel.map((c) => ({
                key: c.channel,
                name: k.channel(c.channel),
                value: c.orders,
                href: links?.orders({ channel: c.channel }),
                secondary: k.money(c.gmvCents),
              }))}
              valueFormatter={k.count}
            />
          ) : (
            <SectionEmpty title={t('reports.orders.empty')} />
          )}
        </Section>
        <Section
          title={t('reports.orders.byStatus')}
          description={t('reports.orders.byStatusDescription')}
          testId="orders-by-status"
        >
          {d.orders.byStatus === null ? (
            <SectionEmpty
              title={t('reports.orders.byStatusCategory')}
              hint={t('reports.orders.byStatusCategoryHint')}
            />
          ) : d.orders.byStatus.length ? (
            <BarList
              label={t('reports.orders.byStatus')}
              color="chart-3"
              data={d.orders.byStatus.map((s) => ({
                key: s.status,
                name: k.orderStatus(s.status),
                value: s.orders,
                href: links?.orders({ status: s.status }),
              }))}
              valueFormatter={k.count}
            />
          ) : (
            <SectionEmpty title={t('reports.orders.empty')} />
          )}
        </Section>
      </div>
    </section>
  );
}
