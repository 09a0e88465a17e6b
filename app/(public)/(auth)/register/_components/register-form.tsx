'use client';

import { AlertCircle, LoaderCircle } from 'lucide-react';
import { useActionState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n/client';
import { registerAction, type RegisterState } from '../actions';

export function RegisterForm() {
  const t = useT();
  const [state, action, pending] = useActionState<RegisterState | null, FormData>(registerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state && !state.ok && !errors ? (
        <Alert variant="destructive">
          <AlertCircle />
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label={t('auth.name')} htmlFor="name" error={errors?.name} required>
        <Input id="name" name="name" autoComplete="name" maxLength={100} defaultValue={state?.values?.name} autoFocus />
      </FormField>
      <FormField label={t('auth.email')} htmlFor="email" error={errors?.email} required>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={state?.values?.email}
        />
      </FormField>
      <FormField
        label={t('auth.password')}
        htmlFor="password"
        error={errors?.password}
        hint={t('auth.passwordHint')}
        required
      >
        <Input id="password" name="password" type="password" autoComplete="new-password" maxLength={128} />
      </FormField>
      <FormField label={t('auth.confirmPassword')} htmlFor="confirmPassword" error={errors?.confirmPassword} required>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          maxLength={128}
        />
      </FormField>
      <Button type="submit" className="mt-2 w-full" disabled={pending}>
        {pending ? <LoaderCircle className="animate-spin" /> : null}
        {pending ? t('auth.registering') : t('auth.register')}
      </Button>
    </form>
  );
}
