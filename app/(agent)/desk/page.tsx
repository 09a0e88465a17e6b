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
import { getT } from '@/lib/i18n/server';
import { listOrders } from '@/lib/orders/queries';
import { listMyTeams } from '@/lib/users/queries';

export default async function DeskHome() {
  const actor = await requireAreaActor('access:desk:any');
  const t = await getT();
  const ctx = await getRequestContext();
  const [teams, orders] = await Promise.all([listMyTeams({ ctx }), listOrders({ ctx, input: {} })]);
  return (
    <>
      <PageHeader title={t('desk.homeTitle', { name: actor.name })} description={t('desk.homeSubtitle')} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('desk.queueTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <EmptyState icon={<Inbox />} title={t('desk.queueEmpty')} description={t('desk.queueEmptyHint')} />
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
