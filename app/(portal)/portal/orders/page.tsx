import type { Metadata } from 'next';
import { ChevronRight, Package } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAreaActor } from '@/lib/auth/guard';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap, nameOf } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { listOrders } from '@/lib/orders/queries';
import { ClaimDialog } from './_components/claim-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('portalOrders.title') };
}

export default async function PortalOrdersPage({ searchParams }: PageProps<'/portal/orders'>) {
  await requireAreaActor('access:portal:own');
  const { cursor } = pickParams(await searchParams, ['cursor'] as const);
  const ctx = await getRequestContext();
  const [page, channels] = await Promise.all([listOrders({ ctx, input: { cursor } }), loadChannels()]);
  const [t, locale] = [await getT(), await getLocale()];
  const channelNames = nameMap(channels, locale);
  const tz = env().SHOP_TIMEZONE;
  return (
    <>
      <PageHeader
        title={t('portalOrders.title')}
        description={t('portalOrders.description')}
        actions={
          <>
            <LiveRefresh topics={['orders']} />
            <ClaimDialog />
          </>
        }
      />
      {page.items.length === 0 ? (
        <EmptyState icon={<Package />} title={t('portalOrders.empty')} description={t('portalOrders.emptyHint')} />
      ) : (
        <Card className="divide-y py-0">
          {page.items.map((o) => (
            <Link
              key={o.orderNo}
              href={`/portal/orders/${o.orderNo}`}
              className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-4 transition-colors hover:bg-accent/40"
              data-testid={`portal-order-${o.orderNo}`}
            >
              <div className="grid min-w-48 gap-0.5">
                <span className="font-mono text-sm font-medium">{o.orderNo}</span>
                <span className="text-xs text-muted-foreground">
                  {formatDateTime(o.placedAt, locale, tz)} · {nameOf(channelNames, o.channel)}
                </span>
              </div>
              <OrderStatusBadge status={o.status} label={t(`orders.customerStatus.${o.status}`)} />
              <span className="ml-auto font-semibold tabular-nums">
                {formatMoney(o.totalCents, o.currency, locale)}
              </span>
              <ChevronRight className="size-4 text-muted-foreground" />
            </Link>
          ))}
        </Card>
      )}
      <KeysetPager
        basePath="/portal/orders"
        params={{ cursor }}
        nextCursor={page.nextCursor}
        hasCursor={!!cursor}
        count={page.items.length}
      />
    </>
  );
}
