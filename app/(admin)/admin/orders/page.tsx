import type { Metadata } from 'next';
import { Trash } from 'lucide-react';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { listOrders } from '@/lib/orders/queries';
import { BinActions } from './_components/bin-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('adminBin.title') };
}

/** The bin: deleted orders, which only admins may restore or remove for good. */
export default async function DeletedOrdersPage({ searchParams }: PageProps<'/admin/orders'>) {
  await requireAreaActor('access:admin:any');
  const { cursor } = pickParams(await searchParams, ['cursor'] as const);
  const page = await listOrders({ ctx: await getRequestContext(), input: { cursor }, deleted: true });
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  return (
    <>
      <PageHeader title={t('adminBin.title')} description={t('adminBin.description')} />
      {page.items.length === 0 ? (
        <EmptyState icon={<Trash />} title={t('adminBin.empty')} description={t('adminBin.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('orders.columns.orderNo')}</TableHead>
                <TableHead>{t('orders.columns.placedAt')}</TableHead>
                <TableHead>{t('orders.columns.customer')}</TableHead>
                <TableHead>{t('orders.columns.status')}</TableHead>
                <TableHead className="text-right">{t('orders.columns.total')}</TableHead>
                <TableHead className="text-right">{t('common.actions')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((o) => (
                <TableRow key={o.orderNo}>
                  <TableCell className="font-mono text-[13px]">{o.orderNo}</TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">
                    {formatDateTime(o.placedAt, locale, tz)}
                  </TableCell>
                  <TableCell>{o.customerName}</TableCell>
                  <TableCell>
                    <OrderStatusBadge status={o.status} label={t(`orders.status.${o.status}`)} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatMoney(o.totalCents, o.currency, locale)}
                  </TableCell>
                  <TableCell>
                    <BinActions orderNo={o.orderNo} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath="/admin/orders"
        params={{ cursor }}
        nextCursor={page.nextCursor}
        hasCursor={!!cursor}
        count={page.items.length}
      />
    </>
  );
}
