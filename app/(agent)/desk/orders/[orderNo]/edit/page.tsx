import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderForm } from '@/components/orders/order-form';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import { centsToInput } from '@/lib/money';
import { getOrder, listProductOptions } from '@/lib/orders/queries';
import { itemsEditable } from '@/lib/orders/workflow';
import { updateOrderAction } from '../../form-actions';

export async function generateMetadata({ params }: PageProps<'/desk/orders/[orderNo]/edit'>): Promise<Metadata> {
  const t = await getT();
  return { title: t('orders.form.editTitle', { orderNo: (await params).orderNo }) };
}

export default async function EditOrderPage({ params }: PageProps<'/desk/orders/[orderNo]/edit'>) {
  await requireAreaActor('access:desk:any');
  const ctx = await getRequestContext();
  const order = await getOrder({ ctx, input: { orderNo: decodeURIComponent((await params).orderNo) } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const t = await getT();
  const editable = itemsEditable(order.status);
  return (
    <>
      <PageHeader title={t('orders.form.editTitle', { orderNo: order.orderNo })} />
      <OrderForm
        key={order.version}
        mode="edit"
        products={await listProductOptions({ ctx })}
        channels={[]}
        currency={order.currency}
        itemsEditable={editable}
        phoneKeepHint={
          order.recipientPhoneMasked
            ? t('orders.form.recipientPhoneKeep', { masked: order.recipientPhoneMasked })
            : undefined
        }
        onSubmit={updateOrderAction.bind(null, order.orderNo, order.version, editable)}
        donePath={`/desk/orders/${order.orderNo}`}
        initial={{
          channel: order.channel,
          externalId: order.externalId ?? '',
          status: order.status,
          customerName: order.customer.name,
          customerPhone: '',
          customerEmail: '',
          recipientName: order.recipientName ?? '',
          recipientPhone: '',
          shippingRegion: order.shippingRegion ?? '',
          shippingAddress: '',
          carrier: order.carrier ?? '',
          trackingNo: order.trackingNo ?? '',
          shippingFee: centsToInput(order.shippingCents),
          discount: centsToInput(order.discountCents),
          notes: order.notes ?? '',
          items: order.items.map((i) => ({
            sku: i.sku,
            quantity: String(i.quantity),
            unitPrice: centsToInput(i.unitPriceCents),
          })),
        }}
      />
    </>
  );
}
