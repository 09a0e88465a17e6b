import type { Metadata } from 'next';
import { ArrowLeft, MessageCircleHeart, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { OrderTimeline } from '@/components/orders/order-timeline';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { getOrder } from '@/lib/orders/queries';

export async function generateMetadata({ params }: PageProps<'/portal/orders/[orderNo]'>): Promise<Metadata> {
  return { title: (await params).orderNo };
}

export default async function PortalOrderPage({ params }: PageProps<'/portal/orders/[orderNo]'>) {
  await requireAreaActor('access:portal:own');
  const ctx = await getRequestContext();
  // Someone else's order number is simply "not found".
  const order = await getOrder({ ctx, input: { orderNo: decodeURIComponent((await params).orderNo) } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const money = (c: number) => formatMoney(c, order.currency, locale);
  return (
    <>
      <Link
        href="/portal/orders"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('portalOrders.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight">{order.orderNo}</h1>
        <span data-testid="portal-order-status">
          <OrderStatusBadge status={order.status} label={t(`orders.customerStatus.${order.status}`)} />
        </span>
        <LiveRefresh topics={[`order:${order.orderNo}`]} />
        <div className="ml-auto flex flex-wrap gap-2">
          <Button variant="outline" size="sm" asChild>
            <Link href={`/portal/cases/new?order=${order.orderNo}`}>
              <RotateCcw />
              {t('portalOrders.requestAfterSales')}
            </Link>
          </Button>
          <Button variant="outline" size="sm" asChild>
            <Link href={`/portal/feedback/new?orderNo=${order.orderNo}`} data-testid="order-feedback">
              <MessageCircleHeart />
              {t('portalOrders.giveFeedback')}
            </Link>
          </Button>
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('portalOrders.items')}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="divide-y">
                {order.items.map((i) => (
                  <li key={i.sku} className="flex items-center justify-between gap-4 py-3 text-sm">
                    <span>
                      {i.name} <span className="text-muted-foreground">× {i.quantity}</span>
                    </span>
                    <span className="tabular-nums">{money(i.lineTotalCents)}</span>
                  </li>
                ))}
              </ul>
              <div className="mt-3 flex justify-between border-t pt-3 font-semibold">
                <span>{t('portalOrders.total')}</span>
                <span className="tabular-nums">{money(order.totalCents)}</span>
              </div>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('portalOrders.shipping')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              <p>
                {order.recipientName} · {order.recipientPhoneMasked ?? '—'}
              </p>
              <p className="text-muted-foreground">{order.shippingRegion ?? '—'}</p>
              {order.trackingNo ? (
                <p>
                  {t('portalOrders.tracking')}: {order.carrier} <span className="font-mono">{order.trackingNo}</span>
                </p>
              ) : null}
            </CardContent>
          </Card>
        </div>
        <Card className="content-start">
          <CardHeader>
            <CardTitle>{t('portalOrders.progress')}</CardTitle>
          </CardHeader>
          <CardContent>
            <OrderTimeline
              events={order.events}
              t={t}
              formatTime={(iso) => formatDateTime(iso, locale, tz)}
              audience="customer"
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
