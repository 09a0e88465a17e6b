import { LifeBuoy, Package } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import Link from 'next/link';
import { RecentOrders } from '@/components/orders/recent-orders';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { listOpenSurveys } from '@/lib/feedback/surveys';
import { listOpenCasesForHome } from '@/lib/cases/customer-home';
import { getT } from '@/lib/i18n/server';
import { listOrders } from '@/lib/orders/queries';
import { OpenSurveysCard } from './feedback/_components/open-surveys';
import { OpenCasesCard } from './_components/open-cases-card';

export default async function PortalHome() {
  const actor = await requireAreaActor('access:portal:own');
  const t = await getT();
  const ctx = await getRequestContext();
  const [orders, surveys, openCases] = await Promise.all([
    listOrders({ ctx, input: {} }),
    listOpenSurveys({ ctx }),
    listOpenCasesForHome({ ctx }),
  ]);
  return (
    <>
      <PageHeader title={t('portal.homeTitle', { name: actor.name })} description={t('portal.homeSubtitle')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <OpenSurveysCard surveys={surveys} className="lg:col-span-2" />
        <Card>
          <CardHeader>
            <CardTitle>{t('portal.ordersTitle')}</CardTitle>
            <CardAction>
              <Button variant="outline" size="sm" asChild>
                <Link href="/portal/orders">{t('admin.viewAll')}</Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            {orders.items.length ? (
              <RecentOrders orders={orders.items.slice(0, 5)} hrefBase="/portal/orders" audience="customer" />
            ) : (
              <EmptyState
                icon={<Package />}
                title={t('portal.ordersEmpty')}
                description={t('portal.ordersEmptyHint')}
              />
            )}
          </CardContent>
        </Card>
        <OpenCasesCard cases={openCases.items} more={openCases.more} />
        <Card className="lg:col-span-2" data-testid="portal-help-card">
          <CardHeader className="flex flex-col gap-4 sm:flex-row sm:items-center">
            <div className="flex items-center gap-3">
              <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary">
                <LifeBuoy className="size-4.5" />
              </span>
              <div className="grid gap-1">
                <CardTitle>{t('portal.helpTitle')}</CardTitle>
                <CardDescription>{t('portal.helpHint')}</CardDescription>
              </div>
            </div>
            <Button variant="outline" asChild className="sm:ml-auto">
              <Link href="/help" data-testid="portal-help-link">
                {t('portal.helpLink')}
              </Link>
            </Button>
          </CardHeader>
        </Card>
      </div>
    </>
  );
}
