'use client';

import { LoaderCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { updateShopNameAction } from '../actions';

/** The shop's name on its public pages; a refused value is shown at the field and kept. */
export function ShopNameForm({ name }: { name: string }) {
  const t = useT();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await updateShopNameAction({ name: value });
          if (r.ok) {
            setError(undefined);
            if (r.message) toast.success(r.message);
          } else if (r.fieldErrors) setError(r.fieldErrors.name ?? r.message);
          else toast.error(r.message);
        });
      }}
    >
      <FormField label={t('shopSettings.name')} htmlFor="shop-name" error={error} hint={t('shopSettings.nameHint')}>
        <Input
          id="shop-name"
          name="name"
          value={value}
          maxLength={60}
          autoComplete="organization"
          className="max-w-sm"
          onChange={(e) => {
            setValue(e.target.value);
            setError(undefined);
          }}
        />
      </FormField>
      <div>
        <Button type="submit" disabled={pending || value.trim() === name} data-testid="save-shop-name">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
