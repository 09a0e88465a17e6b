import Link from 'next/link';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/money';
import type { OrderListItemDto } from '@/lib/orders/dto';
import { OrderStatusBadge } from './status-badge';

/** A compact list of orders for home pages; customers see customer-facing status words. */
export async function RecentOrders({
  orders,
  hrefBase,
  audience,
}: {
  orders: OrderListItemDto[];
  hrefBase: string;
  audience: 'staff' | 'customer';
}) {
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  return (
    <ul className="divide-y">
      {orders.map((o) => (
        <li key={o.orderNo}>
          <Link
            href={`${hrefBase}/${o.orderNo}`}
            className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2.5 text-sm hover:text-primary"
          >
            <span className="font-mono font-medium">{o.orderNo}</span>
            {audience === 'staff' ? <span className="text-muted-foreground">{o.customerName}</span> : null}
            <span className="text-xs text-muted-foreground">{formatDateTime(o.placedAt, locale, tz)}</span>
            <span className="ml-auto flex items-center gap-3">
              <OrderStatusBadge
                status={o.status}
                label={t.dynamic(`${audience === 'staff' ? 'orders.status' : 'orders.customerStatus'}.${o.status}`)}
              />
              <span className="w-24 text-right tabular-nums">{formatMoney(o.totalCents, o.currency, locale)}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
