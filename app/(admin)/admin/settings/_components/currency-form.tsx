'use client';

import { AlertCircle, LoaderCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { updateShopCurrencyAction } from '../actions';

type Option = { code: string; label: string; example: string };

/** The shop currency select; a refusal (orders in another currency) is shown at the field. */
export function CurrencyForm({ currency, version, options }: { currency: string; version: number; options: Option[] }) {
  const t = useT();
  const [value, setValue] = useState(currency);
  const [error, setError] = useState<string | undefined>();
  const [conflict, setConflict] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const example = options.find((o) => o.code === value)?.example;
  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await updateShopCurrencyAction({ currency: value, version });
          if (r.ok) {
            setError(undefined);
            setConflict(null);
            if (r.message) toast.success(r.message);
          } else if (r.fieldErrors) setError(r.fieldErrors.currency ?? r.message);
          else if (r.code === 'stale_version') setConflict(r.message);
          else toast.error(r.message);
        });
      }}
    >
      {conflict ? (
        <Alert variant="destructive">
          <AlertCircle />
          <AlertDescription>{conflict}</AlertDescription>
        </Alert>
      ) : null}
      <FormField
        label={t('shopSettings.currency')}
        htmlFor="shop-currency"
        error={error}
        hint={example ? t('shopSettings.example', { amount: example }) : undefined}
      >
        <NativeSelect
          id="shop-currency"
          name="currency"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(undefined);
          }}
          containerClassName="max-w-xs"
          data-testid="shop-currency"
        >
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div>
        <Button type="submit" disabled={pending || value === currency} data-testid="save-currency">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
