'use client';

import { LoaderCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n/client';
import { centsToInput, currencySymbol } from '@/lib/money';
import { updateCompensationThresholdAction } from '../actions';

/** The amount above which a compensation waits for a supervisor's approval (#18). */
export function CompensationThresholdForm({ cents, currency }: { cents: number; currency: string }) {
  const { t, locale } = useI18n();
  const [value, setValue] = useState(centsToInput(cents));
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await updateCompensationThresholdAction({ amount: value });
          if (r.ok) {
            setError(undefined);
            if (r.message) toast.success(r.message);
          } else if (r.fieldErrors) setError(r.fieldErrors.compensationApprovalCents ?? r.message);
          else toast.error(r.message);
        });
      }}
    >
      <FormField
        label={t('shopSettings.compensationAmount', { currency: currencySymbol(currency, locale) })}
        htmlFor="compensation-threshold"
        error={error}
      >
        <Input
          id="compensation-threshold"
          inputMode="decimal"
          className="max-w-40"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? <LoaderCircle className="animate-spin" /> : null}
        {t('common.save')}
      </Button>
    </form>
  );
}
