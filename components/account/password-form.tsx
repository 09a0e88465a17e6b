'use client';

import { LoaderCircle } from 'lucide-react';
import { useRef } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { changePasswordAction } from '@/app/actions';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import type { ActionResult } from '@/lib/actions';
import { useT } from '@/lib/i18n/client';

export function PasswordForm() {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useFormAction<ActionResult<{ endedSessions: number }>>(changePasswordAction, () =>
    formRef.current?.reset(),
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="grid max-w-md gap-4" noValidate>
      <FormField
        label={t('account.currentPassword')}
        htmlFor="currentPassword"
        error={errors?.currentPassword}
        required
      >
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          maxLength={128}
        />
      </FormField>
      <FormField
        label={t('account.newPassword')}
        htmlFor="newPassword"
        error={errors?.newPassword}
        hint={t('auth.passwordHint')}
        required
      >
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" maxLength={128} />
      </FormField>
      <FormField
        label={t('account.confirmPassword')}
        htmlFor="confirmPassword"
        error={errors?.confirmPassword}
        required
      >
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          maxLength={128}
        />
      </FormField>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {pending ? t('common.saving') : t('account.changePassword')}
        </Button>
      </div>
    </form>
  );
}
