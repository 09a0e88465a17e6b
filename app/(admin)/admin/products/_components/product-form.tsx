'use client';

import { AlertCircle, LoaderCircle, RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import { MAX_WARRANTY_DAYS, NON_RETURNABLE_REASONS } from '@/lib/catalog/product-constants';
import { useT } from '@/lib/i18n/client';
import type { CategoryChoice, ProductFormValues } from './product-form-types';

type Props = {
  mode: 'create' | 'edit';
  initial: ProductFormValues;
  categories: CategoryChoice[];
  onSubmit: (values: ProductFormValues) => Promise<ActionResult<{ sku?: string; version: number }>>;
};

/** Field errors come keyed by the verb's fields; the price is entered in yuan but checked as priceCents. */
const FIELD_OF: Record<string, keyof ProductFormValues> = { priceCents: 'price' };

export function ProductForm({ mode, initial, categories, onSubmit }: Props) {
  const t = useT();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof ProductFormValues, string>>>({});
  const [formError, setFormError] = useState<{ code: string; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof ProductFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await onSubmit(values);
      if (r.ok) {
        setErrors({});
        setFormError(null);
        toast.success(r.message);
        if (mode === 'create') router.push(`/admin/products/${encodeURIComponent(r.data.sku ?? '')}`);
        else router.refresh();
        return;
      }
      const fieldErrors: Partial<Record<keyof ProductFormValues, string>> = {};
      for (const [field, message] of Object.entries(r.fieldErrors ?? {}))
        fieldErrors[FIELD_OF[field] ?? (field as keyof ProductFormValues)] = message;
      setErrors(fieldErrors);
      setFormError({ code: r.code, message: r.message });
      if (!r.fieldErrors) toast.error(r.message);
    });
  };

  const err = (key: keyof ProductFormValues) => errors[key];
  return (
    <form onSubmit={submit} className="grid max-w-3xl gap-6" noValidate aria-busy={pending}>
      {formError ? (
        <Alert variant="destructive">
          <AlertCircle />
          <AlertDescription className="flex flex-wrap items-center justify-between gap-3">
            <span>{formError.message}</span>
            {formError.code === 'stale_version' ? (
              <Button type="button" variant="outline" size="sm" onClick={() => router.refresh()}>
                <RefreshCw />
                {t('products.form.reload')}
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t('products.form.basics')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t('products.form.sku')}
            htmlFor="product-sku"
            error={err('sku')}
            hint={mode === 'create' ? t('products.form.skuHint') : t('products.form.skuFixed')}
            required={mode === 'create'}
          >
            <Input
              id="product-sku"
              value={values.sku}
              onChange={set('sku')}
              readOnly={mode === 'edit'}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              className="font-mono uppercase"
              autoFocus={mode === 'create'}
            />
          </FormField>
          <FormField label={t('products.form.category')} htmlFor="product-category" error={err('category')} required>
            <NativeSelect id="product-category" value={values.category} onChange={set('category')}>
              <option value="">{t('products.form.chooseCategory')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label={t('products.form.name')} htmlFor="product-name" error={err('name')} required>
            <Input id="product-name" value={values.name} onChange={set('name')} maxLength={200} />
          </FormField>
          <FormField
            label={t('products.form.nameEn')}
            htmlFor="product-name-en"
            error={err('nameEn')}
            hint={t('products.form.nameEnHint')}
          >
            <Input id="product-name-en" value={values.nameEn} onChange={set('nameEn')} maxLength={200} lang="en" />
          </FormField>
          <FormField
            label={t('products.form.price')}
            htmlFor="product-price"
            error={err('price')}
            hint={t('products.form.priceHint')}
            required
          >
            <Input
              id="product-price"
              value={values.price}
              onChange={set('price')}
              inputMode="decimal"
              maxLength={16}
              placeholder="0.00"
              className="tabular-nums"
            />
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('products.form.returnsTitle')}</CardTitle>
          <CardDescription>{t('products.form.returnsHint')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-1 sm:col-span-2">
            <div className="flex items-start gap-2">
              <Checkbox
                id="product-returnable"
                checked={values.returnable}
                onCheckedChange={(c) => setValues((v) => ({ ...v, returnable: c === true }))}
                aria-describedby="product-returnable-hint"
              />
              <Label htmlFor="product-returnable" className="grid gap-0.5">
                <span>{t('products.form.returnable')}</span>
                <span id="product-returnable-hint" className="text-sm font-normal text-muted-foreground">
                  {t('products.form.returnableHint')}
                </span>
              </Label>
            </div>
            {err('returnable') ? <p className="text-sm text-destructive">{err('returnable')}</p> : null}
          </div>
          {!values.returnable ? (
            <FormField
              label={t('products.form.reason')}
              htmlFor="product-reason"
              error={err('nonReturnableReason')}
              required
            >
              <NativeSelect
                id="product-reason"
                value={values.nonReturnableReason}
                onChange={set('nonReturnableReason')}
              >
                <option value="">{t('products.form.chooseReason')}</option>
                {NON_RETURNABLE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`products.reasons.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          ) : err('nonReturnableReason') ? (
            <p className="text-sm text-destructive sm:col-span-2">{err('nonReturnableReason')}</p>
          ) : null}
          <FormField
            label={t('products.form.warrantyDays')}
            htmlFor="product-warranty"
            error={err('warrantyDays')}
            hint={t('products.form.warrantyHint')}
          >
            <Input
              id="product-warranty"
              value={values.warrantyDays}
              onChange={set('warrantyDays')}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_WARRANTY_DAYS}
              step={1}
              className="tabular-nums"
            />
          </FormField>
        </CardContent>
      </Card>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} data-testid="save-product">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : mode === 'create' ? t('products.form.create') : t('products.form.save')}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push('/admin/products')}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
