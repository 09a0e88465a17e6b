import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/app-shell';
import { OrderForm } from '@/components/orders/order-form';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { loadChannels } from '@/lib/catalog/channels';
import { catalogOptions } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';
import { listProductOptions } from '@/lib/orders/queries';
import { getShopSettings } from '@/lib/shop/settings';
import { createOrderAction } from '../form-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('orders.form.createTitle') };
}

export default async function NewOrderPage() {
  await requireAreaActor('access:desk:any');
  const [t, locale] = [await getT(), await getLocale()];
  const [products, channelRows, shop] = await Promise.all([
    listProductOptions({ ctx: await getRequestContext() }),
    loadChannels(),
    getShopSettings(),
  ]);
  // Retired channels are not offered for new orders; the shop's own store first when it is active.
  const channels = catalogOptions(channelRows, locale);
  const channel = channels.find((c) => c.code === 'own_site')?.code ?? channels[0]?.code ?? '';
  return (
    <>
      <PageHeader title={t('orders.form.createTitle')} />
      <OrderForm
        mode="create"
        products={products}
        channels={channels}
        currency={shop.currency}
        itemsEditable
        onSubmit={createOrderAction}
        donePath="/desk/orders/{orderNo}"
        initial={{
          channel,
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
