import type { Metadata } from 'next';
import { ArrowLeft, Package } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { listCustomerOrders } from '@/lib/customers/queries';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap, nameOf } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('customers.allOrders.title') };
}

/** Every live order of one customer, newest first: where the profile's "all orders" link leads. */
export default async function CustomerOrdersPage({ params, searchParams }: PageProps<'/desk/customers/[id]/orders'>) {
  await requireAreaActor('read:customer:any');
  const { id } = await params;
  const query = pickParams(await searchParams, ['cursor'] as const);
  const ctx = await getRequestContext();
  const page = await listCustomerOrders({ ctx, input: { id, cursor: query.cursor } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  const channelNames = nameMap(await loadChannels(), locale);
  const tz = env().SHOP_TIMEZONE;
  return (
    <>
      <Link
        href={`/desk/customers/${id}`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('customers.allOrders.back', { name: page.customer.name })}
      </Link>
      <PageHeader title={t('customers.allOrders.heading', { name: page.customer.name })} />
      {page.items.length === 0 ? (
        <EmptyState icon={<Package />} title={t('customers.profile.noOrders')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('orders.columns.orderNo')}</TableHead>
                <TableHead>{t('orders.columns.placedAt')}</TableHead>
                <TableHead>{t('orders.columns.channel')}</TableHead>
                <TableHead>{t('orders.columns.status')}</TableHead>
                <TableHead className="text-right">{t('orders.columns.total')}</TableHead>
                <TableHead className="text-right">{t('orders.detail.refunded')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((o) => (
                <TableRow key={o.orderNo}>
                  <TableCell className="font-mono text-[13px]">
                    <Link href={`/desk/orders/${o.orderNo}`} className="font-medium text-primary hover:underline">
                      {o.orderNo}
                    </Link>
                  </TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">
                    <time dateTime={o.placedAt}>{formatDateTime(o.placedAt, locale, tz)}</time>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{nameOf(channelNames, o.channel)}</TableCell>
                  <TableCell>
                    <OrderStatusBadge status={o.status} label={t(`orders.status.${o.status}`)} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatMoney(o.totalCents, o.currency, locale)}
                  </TableCell>
                  <TableCell className="text-right text-muted-foreground tabular-nums">
                    {o.refundedCents ? formatMoney(o.refundedCents, o.currency, locale) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath={`/desk/customers/${id}/orders`}
        params={query}
        nextCursor={page.nextCursor}
        hasCursor={!!query.cursor}
        count={page.items.length}
      />
    </>
  );
}
