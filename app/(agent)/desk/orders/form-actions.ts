'use server';

import { revalidatePath } from 'next/cache';
import type { OrderFormValues } from '@/components/orders/order-form-types';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { parseAmount } from '@/lib/money';
import { createOrder, updateOrder } from '@/lib/orders/mutations';

/** "" → not given; anything else → cents, or NaN that validation reports as invalid_amount. */
function cents(v: string): number | undefined {
  return v.trim() === '' ? undefined : parseAmount(v);
}

function items(values: OrderFormValues) {
  return values.items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPriceCents: cents(i.unitPrice) }));
}

export async function createOrderAction(values: OrderFormValues) {
  const t = await getT();
  const result = await runAction(
    (ctx) =>
      createOrder({
        ctx,
        input: {
          channel: values.channel,
          externalId: values.externalId,
          status: values.status,
          customer: { name: values.customerName, phone: values.customerPhone, email: values.customerEmail },
          recipientName: values.recipientName,
          recipientPhone: values.recipientPhone,
          shippingRegion: values.shippingRegion,
          shippingAddress: values.shippingAddress,
          carrier: values.carrier,
          trackingNo: values.trackingNo,
          shippingCents: cents(values.shippingFee) ?? 0,
          discountCents: cents(values.discount) ?? 0,
          notes: values.notes,
          items: items(values),
        },
      }),
    (r) => t('orders.form.created', { orderNo: r.orderNo }),
  );
  if (result.ok) revalidatePath('/desk/orders');
  return result;
}

export async function updateOrderAction(orderNo: string, version: number, editItems: boolean, values: OrderFormValues) {
  const t = await getT();
  const result = await runAction(
    (ctx) =>
      updateOrder({
        ctx,
        input: {
          orderNo,
          version,
          recipientName: values.recipientName,
          recipientPhone: values.recipientPhone,
          shippingRegion: values.shippingRegion,
          shippingAddress: values.shippingAddress,
          carrier: values.carrier,
          trackingNo: values.trackingNo,
          notes: values.notes,
          ...(editItems
            ? {
                items: items(values),
                shippingCents: cents(values.shippingFee) ?? 0,
                discountCents: cents(values.discount) ?? 0,
              }
            : {}),
        },
      }),
    () => t('orders.form.saved'),
  );
  if (result.ok) revalidatePath(`/desk/orders/${orderNo}`);
  return result;
}
