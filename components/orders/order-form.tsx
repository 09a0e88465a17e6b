'use client';

import { AlertCircle, LoaderCircle, Plus, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import { useI18n } from '@/lib/i18n/client';
import type { CatalogOption } from '@/lib/catalog/names';
import { currencySymbol, formatMoney, parseAmount } from '@/lib/money';
import type { OrderFormValues, ProductOption } from './order-form-types';

type Props = {
  mode: 'create' | 'edit';
  initial: OrderFormValues;
  products: ProductOption[];
  /** Channels a new order may be in (active ones); the edit form shows none. */
  channels: CatalogOption[];
  /** The order's currency (a new order: the shop's). */
  currency: string;
  /** Items and amounts are editable only before payment. */
  itemsEditable: boolean;
  phoneKeepHint?: string;
  onSubmit: (values: OrderFormValues) => Promise<ActionResult<{ orderNo?: string; version?: number }>>;
  /** Where to go after saving; `{orderNo}` is replaced by the saved order's number. */
  donePath: string;
};

export function OrderForm({
  mode,
  initial,
  products,
  channels,
  currency,
  itemsEditable,
  phoneKeepHint,
  onSubmit,
  donePath,
}: Props) {
  const { t, locale } = useI18n();
  const sign = currencySymbol(currency, locale);
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const set =
    (key: keyof OrderFormValues) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value }));
  const setItem = (i: number, key: 'sku' | 'quantity' | 'unitPrice', value: string) =>
    setValues((v) => ({ ...v, items: v.items.map((it, j) => (j === i ? { ...it, [key]: value } : it)) }));

  const bySku = new Map(products.map((p) => [p.sku, p]));
  const estimate = (() => {
    let sum = 0;
    for (const it of values.items) {
      const unit = it.unitPrice.trim() ? parseAmount(it.unitPrice) : bySku.get(it.sku)?.priceCents;
      const qty = Number(it.quantity);
      if (unit === undefined || Number.isNaN(unit) || !Number.isInteger(qty) || qty < 1) return null;
      sum += unit * qty;
    }
    const ship = values.shippingFee.trim() ? parseAmount(values.shippingFee) : 0;
    const disc = values.discount.trim() ? parseAmount(values.discount) : 0;
    return Number.isNaN(ship) || Number.isNaN(disc) ? null : sum + ship - disc;
  })();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await onSubmit(values);
      if (r.ok) {
        toast.success(r.message);
        router.push(donePath.replace('{orderNo}', r.data.orderNo ?? ''));
        return;
      }
      setErrors(r.fieldErrors ?? {});
      setFormError(r.message);
      if (!r.fieldErrors) toast.error(r.message);
    });
  };

  const err = (key: string) => errors[key];
  return (
    <form onSubmit={submit} className="grid gap-6" noValidate>
      {formError ? (
        <Alert variant="destructive">
          <AlertCircle />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <datalist id="product-skus">
        {products.map((p) => (
          <option key={p.sku} value={p.sku}>
            {p.name}
          </option>
        ))}
      </datalist>
      {mode === 'create' ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('orders.form.customer')}</CardTitle>
            <CardDescription>{t('orders.form.customerHint')}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-3">
            <FormField
              label={t('orders.form.customerName')}
              htmlFor="customerName"
              error={err('customer.name')}
              required
            >
              <Input id="customerName" value={values.customerName} onChange={set('customerName')} maxLength={100} />
            </FormField>
            <FormField label={t('orders.form.customerPhone')} htmlFor="customerPhone" error={err('customer.phone')}>
              <Input
                id="customerPhone"
                value={values.customerPhone}
                onChange={set('customerPhone')}
                inputMode="tel"
                maxLength={30}
              />
            </FormField>
            <FormField label={t('orders.form.customerEmail')} htmlFor="customerEmail" error={err('customer.email')}>
              <Input
                id="customerEmail"
                type="email"
                value={values.customerEmail}
                onChange={set('customerEmail')}
                maxLength={254}
              />
            </FormField>
            <FormField label={t('orders.form.channel')} htmlFor="channel" error={err('channel')}>
              <NativeSelect id="channel" value={values.channel} onChange={set('channel')}>
                {channels.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label={t('orders.form.externalId')} htmlFor="externalId" error={err('externalId')}>
              <Input id="externalId" value={values.externalId} onChange={set('externalId')} maxLength={64} />
            </FormField>
            <FormField label={t('orders.form.status')} htmlFor="status" error={err('status')}>
              <NativeSelect id="status" value={values.status} onChange={set('status')}>
                {(['pending_payment', 'paid'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`orders.status.${s}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t('orders.form.items')}</CardTitle>
          {!itemsEditable ? <CardDescription>{t('orders.form.itemsLocked')}</CardDescription> : null}
        </CardHeader>
        <CardContent className="grid gap-3">
          {err('items') ? <p className="text-sm text-destructive">{err('items')}</p> : null}
          {values.items.map((it, i) => (
            <div
              key={i}
              className="grid items-start gap-3 sm:grid-cols-[minmax(0,2fr)_6rem_9rem_auto]"
              data-testid={`item-line-${i}`}
            >
              <FormField
                label={t('orders.form.sku')}
                htmlFor={`sku-${i}`}
                error={err(`items.${i}.sku`)}
                hint={bySku.get(it.sku)?.name}
              >
                <Input
                  id={`sku-${i}`}
                  list="product-skus"
                  value={it.sku}
                  disabled={!itemsEditable}
                  onChange={(e) => setItem(i, 'sku', e.target.value)}
                  maxLength={64}
                />
              </FormField>
              <FormField label={t('orders.form.quantity')} htmlFor={`qty-${i}`} error={err(`items.${i}.quantity`)}>
                <Input
                  id={`qty-${i}`}
                  inputMode="numeric"
                  value={it.quantity}
                  disabled={!itemsEditable}
                  onChange={(e) => setItem(i, 'quantity', e.target.value)}
                  maxLength={5}
                />
              </FormField>
              <FormField
                label={t('orders.form.unitPrice', { currency: sign })}
                htmlFor={`price-${i}`}
                error={err(`items.${i}.unitPriceCents`)}
                hint={t('orders.form.unitPriceHint')}
              >
                <Input
                  id={`price-${i}`}
                  inputMode="decimal"
                  value={it.unitPrice}
                  disabled={!itemsEditable}
                  onChange={(e) => setItem(i, 'unitPrice', e.target.value)}
                  maxLength={15}
                />
              </FormField>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="mt-6"
                aria-label={t('orders.form.removeItem', { n: i + 1 })}
                disabled={!itemsEditable || values.items.length === 1}
                onClick={() => setValues((v) => ({ ...v, items: v.items.filter((_, j) => j !== i) }))}
              >
                <Trash2 />
              </Button>
            </div>
          ))}
          <div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!itemsEditable || values.items.length >= 100}
              onClick={() =>
                setValues((v) => ({ ...v, items: [...v.items, { sku: '', quantity: '1', unitPrice: '' }] }))
              }
            >
              <Plus />
              {t('orders.form.addItem')}
            </Button>
          </div>
          <div className="grid gap-4 border-t pt-4 sm:grid-cols-3">
            <FormField
              label={t('orders.form.shippingFee', { currency: sign })}
              htmlFor="shippingFee"
              error={err('shippingCents')}
            >
              <Input
                id="shippingFee"
                inputMode="decimal"
                value={values.shippingFee}
                disabled={!itemsEditable}
                onChange={set('shippingFee')}
                maxLength={15}
              />
            </FormField>
            <FormField
              label={t('orders.form.discount', { currency: sign })}
              htmlFor="discount"
              error={err('discountCents')}
            >
              <Input
                id="discount"
                inputMode="decimal"
                value={values.discount}
                disabled={!itemsEditable}
                onChange={set('discount')}
                maxLength={15}
              />
            </FormField>
            <div className="grid content-end gap-1 text-right">
              <span className="text-sm text-muted-foreground">{t('orders.form.estimatedTotal')}</span>
              <span className="text-xl font-semibold tabular-nums" data-testid="estimated-total">
                {estimate === null ? '—' : formatMoney(estimate, currency, locale)}
              </span>
            </div>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('orders.form.shipping')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField label={t('orders.form.recipientName')} htmlFor="recipientName" error={err('recipientName')}>
            <Input id="recipientName" value={values.recipientName} onChange={set('recipientName')} maxLength={100} />
          </FormField>
          <FormField
            label={t('orders.form.recipientPhone')}
            htmlFor="recipientPhone"
            error={err('recipientPhone')}
            hint={phoneKeepHint}
          >
            <Input
              id="recipientPhone"
              value={values.recipientPhone}
              onChange={set('recipientPhone')}
              inputMode="tel"
              maxLength={30}
            />
          </FormField>
          <FormField label={t('orders.form.region')} htmlFor="shippingRegion" error={err('shippingRegion')}>
            <Input id="shippingRegion" value={values.shippingRegion} onChange={set('shippingRegion')} maxLength={100} />
          </FormField>
          <FormField
            label={t('orders.form.address')}
            htmlFor="shippingAddress"
            error={err('shippingAddress')}
            hint={mode === 'edit' ? t('orders.form.addressKeep') : undefined}
          >
            <Input
              id="shippingAddress"
              value={values.shippingAddress}
              onChange={set('shippingAddress')}
              maxLength={300}
            />
          </FormField>
          <FormField label={t('orders.form.carrier')} htmlFor="carrier" error={err('carrier')}>
            <Input id="carrier" value={values.carrier} onChange={set('carrier')} maxLength={40} />
          </FormField>
          <FormField label={t('orders.form.trackingNo')} htmlFor="trackingNo" error={err('trackingNo')}>
            <Input id="trackingNo" value={values.trackingNo} onChange={set('trackingNo')} maxLength={64} />
          </FormField>
          <FormField label={t('orders.form.notes')} htmlFor="notes" error={err('notes')} className="sm:col-span-2">
            <Textarea id="notes" value={values.notes} onChange={set('notes')} maxLength={1000} rows={3} />
          </FormField>
        </CardContent>
      </Card>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => router.back()}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={pending} data-testid="save-order">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {mode === 'create' ? t('orders.form.create') : t('orders.form.save')}
        </Button>
      </div>
    </form>
  );
}
