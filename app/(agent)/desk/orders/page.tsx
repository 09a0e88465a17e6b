import type { Metadata } from 'next';
import { AlertCircle, Download, Package, Plus, Search } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams, setParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { loadChannels } from '@/lib/catalog/channels';
import { catalogName, nameMap, nameOf } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { currencySymbol, formatMoney } from '@/lib/money';
import type { OrderListItemDto } from '@/lib/orders/dto';
import { listOrders, listSavedViews } from '@/lib/orders/queries';
import { ORDER_SORTS, SEARCH_FIELDS } from '@/lib/orders/schemas';
import { ORDER_STATUSES } from '@/lib/orders/workflow';
import type { Page } from '@/lib/pagination';
import { getShopSettings } from '@/lib/shop/settings';
import { ImportDialog } from './_components/import-dialog';
import { OrdersTable } from './_components/orders-table';
import { SavedViews } from './_components/saved-views';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('orders.title') };
}

const KEYS = ['q', 'field', 'status', 'channel', 'from', 'to', 'min', 'max', 'sort', 'cursor'] as const;

function FilterLabel({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <Label htmlFor={htmlFor} className="text-xs font-normal text-muted-foreground">
      {children}
    </Label>
  );
}

export default async function OrdersPage({ searchParams }: PageProps<'/desk/orders'>) {
  const actor = await requireAreaActor('access:desk:any');
  const params = pickParams(await searchParams, KEYS);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  let page: Page<OrderListItemDto> = { items: [], nextCursor: null };
  let filterError: string | null = null;
  try {
    page = await listOrders({ ctx, input: params });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    filterError = Object.values(err.fieldErrors)
      .map((codes) => t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')))
      .join(' ');
  }
  const [views, channels, shop] = await Promise.all([
    listSavedViews({ ctx, scope: 'orders' }),
    loadChannels(),
    getShopSettings(),
  ]);
  const channelNames = nameMap(channels, locale);
  const sign = currencySymbol(shop.currency, locale);
  const active = setParams(params);
  const filtered = Object.keys(active).length > 0;

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        description={t('orders.description')}
        actions={
          <>
            <LiveRefresh topics={['orders']} />
            <Button variant="outline" asChild title={t('ordersExport.hint')}>
              <a href={`/api/orders/export?${new URLSearchParams(active)}`} data-testid="export-orders">
                <Download />
                {t('ordersExport.button')}
              </a>
            </Button>
            {can(actor, 'import:order:any') ? <ImportDialog /> : null}
            <Button asChild>
              <Link href="/desk/orders/new">
                <Plus />
                {t('orders.newOrder')}
              </Link>
            </Button>
          </>
        }
      />
      <form
        method="get"
        role="search"
        className="mb-3 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-6"
      >
        <div className="grid gap-1 sm:col-span-2 lg:col-span-3">
          <FilterLabel htmlFor="order-search">{t('common.search')}</FilterLabel>
          <div className="flex gap-2">
            <div className="relative flex-1">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                id="order-search"
                name="q"
                defaultValue={params.q}
                placeholder={t('orders.searchPlaceholder')}
                className="pl-9"
                maxLength={100}
              />
            </div>
            <NativeSelect
              name="field"
              defaultValue={params.field ?? 'auto'}
              aria-label={t('orders.searchField')}
              containerClassName="w-32"
            >
              {SEARCH_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`orders.fields.${f}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-status">{t('orders.columns.status')}</FilterLabel>
          <NativeSelect id="f-status" name="status" defaultValue={params.status ?? ''}>
            <option value="">{t('orders.anyStatus')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orders.status.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-channel">{t('orders.columns.channel')}</FilterLabel>
          <NativeSelect id="f-channel" name="channel" defaultValue={params.channel ?? ''}>
            <option value="">{t('orders.anyChannel')}</option>
            {/* Retired channels too: their old orders are still found by channel. */}
            {channels.map((c) => (
              <option key={c.code} value={c.code}>
                {c.active ? catalogName(c, locale) : `${catalogName(c, locale)} (${t('catalogRecords.inactive')})`}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-sort">{t('orders.sort')}</FilterLabel>
          <NativeSelect id="f-sort" name="sort" defaultValue={params.sort ?? 'placed_desc'}>
            {ORDER_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`orders.sorts.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-from">{t('orders.from')}</FilterLabel>
          <Input id="f-from" type="date" name="from" defaultValue={params.from} />
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-to">{t('orders.to')}</FilterLabel>
          <Input id="f-to" type="date" name="to" defaultValue={params.to} />
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-min">{t('orders.minAmount', { currency: sign })}</FilterLabel>
          <Input
            id="f-min"
            name="min"
            inputMode="decimal"
            defaultValue={params.min}
            placeholder="0.00"
            maxLength={15}
          />
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="f-max">{t('orders.maxAmount', { currency: sign })}</FilterLabel>
          <Input
            id="f-max"
            name="max"
            inputMode="decimal"
            defaultValue={params.max}
            placeholder="0.00"
            maxLength={15}
          />
        </div>
        <div className="flex items-end gap-2 sm:col-span-2">
          <Button type="submit">{t('common.apply')}</Button>
          {filtered ? (
            <Button variant="ghost" asChild>
              <Link href="/desk/orders">{t('common.reset')}</Link>
            </Button>
          ) : null}
        </div>
      </form>
      <SavedViews views={views} current={active} />
      {filterError ? (
        <Alert variant="destructive" className="mb-4">
          <AlertCircle />
          <AlertDescription>{filterError}</AlertDescription>
        </Alert>
      ) : null}
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState icon={<Package />} title={t('orders.empty')} description={t('orders.emptyHint')} />
        ) : (
          <EmptyState icon={<Package />} title={t('orders.emptyAll')} description={t('orders.emptyAllHint')} />
        )
      ) : (
        <OrdersTable
          rows={page.items.map((o) => ({
            orderNo: o.orderNo,
            placedAt: o.placedAt,
            placedAtLabel: formatDateTime(o.placedAt, locale, tz),
            customerName: o.customerName,
            channelLabel: nameOf(channelNames, o.channel),
            status: o.status,
            statusLabel: t(`orders.status.${o.status}`),
            itemCount: o.itemCount,
            totalLabel: formatMoney(o.totalCents, o.currency, locale),
            trackingNo: o.trackingNo,
          }))}
        />
      )}
      <KeysetPager
        basePath="/desk/orders"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
