import type { Metadata } from 'next';
import { ArrowLeft, LifeBuoy, Pencil, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { OrderTimeline } from '@/components/orders/order-timeline';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap, nameOf } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import { getOrder } from '@/lib/orders/queries';
import { listOrderCases } from '@/lib/cases/queries';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { allowedTransitions } from '@/lib/orders/workflow';
import { DeleteOrderButton } from './_components/delete-order-button';
import { RevealContact } from './_components/reveal-contact';
import { StatusDialog } from './_components/status-dialog';

export async function generateMetadata({ params }: PageProps<'/desk/orders/[orderNo]'>): Promise<Metadata> {
  return { title: (await params).orderNo };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </div>
  );
}

export default async function OrderDetailPage({ params }: PageProps<'/desk/orders/[orderNo]'>) {
  const actor = await requireAreaActor('access:desk:any');
  const { orderNo } = await params;
  const ctx = await getRequestContext();
  const order = await getOrder({ ctx, input: { orderNo: decodeURIComponent(orderNo) } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  const [orderCases, channels] = await Promise.all([
    listOrderCases({ ctx, input: { orderNo: order.orderNo } }),
    loadChannels(),
  ]);
  const tz = env().SHOP_TIMEZONE;
  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale, tz) : null);
  const money = (cents: number) => formatMoney(cents, order.currency, locale);

  return (
    <>
      <Link
        href="/desk/orders"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" />
        {t('orders.detail.back')}
      </Link>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold tracking-tight">{order.orderNo}</h1>
          <OrderStatusBadge status={order.status} label={t(`orders.status.${order.status}`)} />
          <LiveRefresh topics={[`order:${order.orderNo}`]} />
        </div>
        <div className="flex flex-wrap gap-2">
          <StatusDialog
            key={order.version}
            orderNo={order.orderNo}
            version={order.version}
            targets={allowedTransitions(order.status, 'agent')}
            carrier={order.carrier}
            trackingNo={order.trackingNo}
          />
          {can(actor, 'create:case:any') ? (
            <Button variant="outline" asChild>
              <Link href={`/desk/orders/${order.orderNo}/new-case`} data-testid="new-case">
                <LifeBuoy />
                {t('caseDesk.newFromOrder')}
              </Link>
            </Button>
          ) : null}
          <Button variant="outline" asChild>
            <Link href={`/desk/orders/${order.orderNo}/edit`}>
              <Pencil />
              {t('orders.detail.edit')}
            </Link>
          </Button>
          {can(actor, 'delete:order:any') ? (
            <DeleteOrderButton orderNo={order.orderNo} version={order.version} />
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card className="pb-0">
            <CardHeader>
              <CardTitle>{t('orders.detail.items')}</CardTitle>
            </CardHeader>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t('orders.detail.product')}</TableHead>
                  <TableHead>{t('orders.detail.sku')}</TableHead>
                  <TableHead className="text-right">{t('orders.detail.unitPrice')}</TableHead>
                  <TableHead className="text-right">{t('orders.detail.qty')}</TableHead>
                  <TableHead className="pr-6 text-right">{t('orders.detail.lineTotal')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {order.items.map((i) => (
                  <TableRow key={i.sku}>
                    <TableCell className="pl-6 font-medium whitespace-normal">{i.name}</TableCell>
                    <TableCell className="font-mono text-xs text-muted-foreground">{i.sku}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(i.unitPriceCents)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {i.quantity}
                      {i.refundedQuantity ? (
                        <span className="ml-1 text-xs text-destructive">
                          ({t('orders.detail.refundedQty', { count: i.refundedQuantity })})
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell className="pr-6 text-right tabular-nums">{money(i.lineTotalCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
              <TableFooter className="bg-transparent">
                {[
                  [t('orders.detail.itemsTotal'), money(order.itemsTotalCents)],
                  [t('orders.detail.shipping'), money(order.shippingCents)],
                  [t('orders.detail.discount'), `−${money(order.discountCents)}`],
                ].map(([label, value]) => (
                  <TableRow key={label} className="border-0 font-normal text-muted-foreground hover:bg-transparent">
                    <TableCell colSpan={4} className="py-1 pl-6 text-right">
                      {label}
                    </TableCell>
                    <TableCell className="py-1 pr-6 text-right tabular-nums">{value}</TableCell>
                  </TableRow>
                ))}
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={4} className="pl-6 text-right font-semibold">
                    {t('orders.detail.total')}
                  </TableCell>
                  <TableCell className="pr-6 text-right text-base font-semibold tabular-nums" data-testid="order-total">
                    {money(order.totalCents)}
                  </TableCell>
                </TableRow>
                {order.refundedCents > 0 ? (
                  <TableRow className="border-0 text-destructive hover:bg-transparent">
                    <TableCell colSpan={4} className="pl-6 text-right">
                      {t('orders.detail.refunded')}
                    </TableCell>
                    <TableCell className="pr-6 text-right tabular-nums">{money(order.refundedCents)}</TableCell>
                  </TableRow>
                ) : null}
              </TableFooter>
            </Table>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('orders.detail.cases')}</CardTitle>
            </CardHeader>
            <CardContent>
              {orderCases.length === 0 ? (
                <EmptyState icon={<RotateCcw />} title={t('orders.detail.casesEmpty')} className="py-8" />
              ) : (
                <ul className="divide-y" data-testid="order-cases">
                  {orderCases.map((c) => (
                    <li key={c.caseNo} className="flex flex-wrap items-center gap-3 py-2.5 text-sm">
                      <Link
                        href={`/desk/cases/${c.caseNo}`}
                        className="font-mono font-medium text-primary hover:underline"
                      >
                        {c.caseNo}
                      </Link>
                      <span>{t(`cases.types.${c.type}`)}</span>
                      <CaseStatusBadge status={c.status} label={t(`cases.status.${c.status}`)} />
                      <span className="ml-auto text-xs text-muted-foreground">{time(c.createdAt.toISOString())}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('orders.detail.timeline')}</CardTitle>
            </CardHeader>
            <CardContent>
              <OrderTimeline events={order.events} t={t} formatTime={(iso) => time(iso)!} audience="staff" />
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('orders.detail.info')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2.5">
                <Field label={t('orders.detail.channel')}>{nameOf(nameMap(channels, locale), order.channel)}</Field>
                {order.externalId ? <Field label={t('orders.detail.externalId')}>{order.externalId}</Field> : null}
                <Field label={t('orders.detail.placedAt')}>{time(order.placedAt)}</Field>
                {order.paidAt ? <Field label={t('orders.detail.paidAt')}>{time(order.paidAt)}</Field> : null}
                {order.shippedAt ? <Field label={t('orders.detail.shippedAt')}>{time(order.shippedAt)}</Field> : null}
                {order.deliveredAt ? (
                  <Field label={t('orders.detail.deliveredAt')}>{time(order.deliveredAt)}</Field>
                ) : null}
                {order.completedAt ? (
                  <Field label={t('orders.detail.completedAt')}>{time(order.completedAt)}</Field>
                ) : null}
                {order.cancelledAt ? (
                  <Field label={t('orders.detail.cancelledAt')}>{time(order.cancelledAt)}</Field>
                ) : null}
                {order.notes ? (
                  <Field label={t('orders.detail.notes')}>
                    <span className="whitespace-pre-line">{order.notes}</span>
                  </Field>
                ) : null}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('orders.detail.customer')}</CardTitle>
              {can(actor, 'reveal:pii:any') ? (
                <CardAction>
                  <RevealContact orderNo={order.orderNo} />
                </CardAction>
              ) : null}
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2.5">
                <Field label={t('orders.form.customerName')}>
                  {can(actor, 'read:customer:any') ? (
                    <Link
                      href={`/desk/customers/${order.customer.id}`}
                      className="text-primary hover:underline"
                      data-testid="customer-link"
                    >
                      {order.customer.name}
                    </Link>
                  ) : (
                    order.customer.name
                  )}
                </Field>
                <Field label={t('orders.detail.phone')}>{order.customer.phoneMasked}</Field>
                {order.customer.email ? <Field label={t('orders.detail.email')}>{order.customer.email}</Field> : null}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('orders.detail.shippingTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2.5">
                <Field label={t('orders.detail.recipient')}>{order.recipientName}</Field>
                <Field label={t('orders.detail.phone')}>{order.recipientPhoneMasked}</Field>
                <Field label={t('orders.detail.region')}>{order.shippingRegion}</Field>
                <Field label={t('orders.detail.address')}>
                  {order.hasShippingAddress ? (
                    <span className="text-muted-foreground">{t('orders.detail.addressHidden')}</span>
                  ) : null}
                </Field>
                <Field label={t('orders.detail.carrier')}>{order.carrier}</Field>
                <Field label={t('orders.detail.trackingNo')}>
                  {order.trackingNo ? <span className="font-mono">{order.trackingNo}</span> : null}
                </Field>
              </dl>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
