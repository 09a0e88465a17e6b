'use client';

import { AlertCircle, LoaderCircle } from 'lucide-react';
import { useActionState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n/client';
import { signInAction, type SignInState } from '../actions';

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useT();
  const [state, action, pending] = useActionState<SignInState | null, FormData>(signInAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state && !state.ok && !fieldErrors ? (
        <Alert variant="destructive" data-testid="sign-in-error">
          <AlertCircle />
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField label={t('auth.email')} htmlFor="email" error={fieldErrors?.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          maxLength={254}
          defaultValue={state?.email ?? ''}
        />
      </FormField>
      <FormField label={t('auth.password')} htmlFor="password" error={fieldErrors?.password}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
      </FormField>
      <Button type="submit" className="mt-2 w-full" disabled={pending}>
        {pending ? <LoaderCircle className="animate-spin" /> : null}
        {pending ? t('auth.signingIn') : t('auth.signIn')}
      </Button>
    </form>
  );
}
