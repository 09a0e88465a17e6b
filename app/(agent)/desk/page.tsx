import { numberFormat } from '@/lib/intl';
import { Inbox, Package, UsersRound } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import Link from 'next/link';
import { RecentOrders } from '@/components/orders/recent-orders';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { listCases } from '@/lib/cases/queries';
import { formatSpan } from '@/lib/cases/due';
import { myCsat } from '@/lib/feedback/stats';
import { requestNow } from '@/lib/time';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { listOrders } from '@/lib/orders/queries';
import { listMyTeams } from '@/lib/users/queries';

export default async function DeskHome() {
  const actor = await requireAreaActor('access:desk:any');
  const t = await getT();
  const ctx = await getRequestContext();
  const locale = await getLocale();
  const [teams, orders, queue, csat] = await Promise.all([
    listMyTeams({ ctx }),
    listOrders({ ctx, input: {} }),
    listCases({ ctx, input: { queue: 'mine', sort: 'due' } }),
    myCsat({ ctx }),
  ]);
  const now = requestNow();
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <>
      <PageHeader title={t('desk.homeTitle', { name: actor.name })} description={t('desk.homeSubtitle')} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('desk.queueTitle')}</CardTitle>
            <CardAction>
              <Button variant="outline" size="sm" asChild>
                <Link href="/desk/cases?queue=mine&sort=due">{t('admin.viewAll')}</Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            {queue.items.length ? (
              <ul className="divide-y" data-testid="my-queue">
                {queue.items.slice(0, 6).map((c) => {
                  const left = c.dueAt ? Date.parse(c.dueAt) - now : null;
                  return (
                    <li key={c.caseNo} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                      <Link href={`/desk/cases/${c.caseNo}`} className="font-medium text-primary hover:underline">
                        {c.caseNo}
                      </Link>
                      <span className="text-muted-foreground">{t.dynamic(`cases.types.${c.type}`)}</span>
                      <CaseStatusBadge status={c.status} label={t.dynamic(`cases.status.${c.status}`)} />
                      <span className="min-w-0 flex-1 truncate text-muted-foreground">{c.customerName}</span>
                      <span
                        className={left !== null && left < 0 ? 'font-medium text-destructive' : 'text-muted-foreground'}
                      >
                        {left === null
                          ? '—'
                          : left < 0
                            ? t('caseDesk.due.overdue', { time: formatSpan(left, locale) })
                            : t('caseDesk.due.in', { time: formatSpan(left, locale) })}
                      </span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <EmptyState icon={<Inbox />} title={t('desk.queueEmpty')} description={t('desk.queueEmptyHint')} />
            )}
          </CardContent>
        </Card>
        <div className="grid gap-6">
          <Card data-testid="my-csat" data-answered={csat.answered} data-good={csat.good}>
            <CardHeader>
              <CardTitle>{t('desk.csatTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              {csat.percent === null ? (
                <p className="text-sm text-muted-foreground">{t('desk.csatNone')}</p>
              ) : (
                <div className="space-y-1">
                  <p className="text-3xl font-semibold tabular-nums" data-testid="my-csat-percent">
                    {percent.format(csat.percent / 100)}
                  </p>
                  <p className="text-sm text-muted-foreground" data-testid="my-csat-count">
                    {t('desk.csatCount', { good: csat.good, answered: csat.answered })}
                  </p>
                  {csat.previousPercent !== null ? (
                    <p className="text-xs text-muted-foreground">
                      {t('desk.csatPrevious', { percent: percent.format(csat.previousPercent / 100) })}
                    </p>
                  ) : null}
                </div>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('desk.teamsTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              {teams.length ? (
                <ul className="flex flex-wrap gap-2">
                  {teams.map((team) => (
                    <li key={team.id}>
                      <Badge variant="secondary" className="gap-1.5 py-1">
                        <UsersRound className="size-3.5" />
                        {team.name}
                      </Badge>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">{t('desk.teamsEmpty')}</p>
              )}
            </CardContent>
          </Card>
        </div>
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>{t('desk.ordersTitle')}</CardTitle>
            <CardAction>
              <Button variant="outline" size="sm" asChild>
                <Link href="/desk/orders">{t('admin.viewAll')}</Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            {orders.items.length ? (
              <RecentOrders orders={orders.items.slice(0, 8)} hrefBase="/desk/orders" audience="staff" />
            ) : (
              <EmptyState icon={<Package />} title={t('desk.ordersEmpty')} description={t('desk.ordersEmptyHint')} />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
