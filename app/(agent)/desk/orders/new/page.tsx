import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderForm } from '@/components/orders/order-form';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { listProductOptions } from '@/lib/orders/queries';
import { createOrderAction } from '../form-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('orders.form.createTitle') };
}

export default async function NewOrderPage() {
  await requireAreaActor('access:desk:any');
  const t = await getT();
  const products = await listProductOptions({ ctx: await getRequestContext() });
  return (
    <>
      <PageHeader title={t('orders.form.createTitle')} />
      <OrderForm
        mode="create"
        products={products}
        itemsEditable
        onSubmit={createOrderAction}
        donePath="/desk/orders/{orderNo}"
        initial={{
          channel: 'own_site',
          externalId: '',
          status: 'pending_payment',
          customerName: '',
          customerPhone: '',
          customerEmail: '',
          recipientName: '',
          recipientPhone: '',
          shippingRegion: '',
          shippingAddress: '',
          carrier: '',
          trackingNo: '',
          shippingFee: '',
          discount: '',
          notes: '',
          items: [{ sku: '', quantity: '1', unitPrice: '' }],
        }}
      />
    </>
  );
}
