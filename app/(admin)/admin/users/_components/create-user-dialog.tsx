'use client';

import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { ROLES } from '@/lib/authz/permissions';
import { useT } from '@/lib/i18n/client';
import type { TeamDto } from '@/lib/users/dto';
import { createUserAction, type CreateUserState } from '../actions';

export function CreateUserDialog({ teams }: { teams: TeamDto[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [state, action, pending] = useFormAction<CreateUserState>(createUserAction, () => {
    setOpen(false);
    setFormKey((k) => k + 1);
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="new-user">
          <UserPlus />
          {t('admin.users.newUser')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('admin.users.createTitle')}</DialogTitle>
          <DialogDescription>{t('admin.users.createDescription')}</DialogDescription>
        </DialogHeader>
        <form key={formKey} action={action} className="grid gap-4" noValidate>
          <FormField label={t('admin.users.name')} htmlFor="cu-name" error={errors?.name} required>
            <Input id="cu-name" name="name" maxLength={100} defaultValue={values?.name} />
          </FormField>
          <FormField label={t('admin.users.email')} htmlFor="cu-email" error={errors?.email} required>
            <Input id="cu-email" name="email" type="email" maxLength={254} defaultValue={values?.email} />
          </FormField>
          <FormField label={t('admin.users.role')} htmlFor="cu-role" error={errors?.role} required>
            <NativeSelect id="cu-role" name="role" defaultValue={values?.role || 'agent'}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label={t('admin.users.initialPassword')}
            htmlFor="cu-password"
            error={errors?.password}
            hint={t('auth.passwordHint')}
            required
          >
            <Input id="cu-password" name="password" type="password" autoComplete="new-password" maxLength={128} />
          </FormField>
          {teams.length > 0 ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t('admin.users.teams')}</legend>
              {teams.map((team) => (
                <div key={team.id} className="flex items-center gap-2">
                  <Checkbox id={`cu-team-${team.id}`} name="teamIds[]" value={team.id} />
                  <Label htmlFor={`cu-team-${team.id}`} className="font-normal">
                    {team.name}
                  </Label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <FormDialogFooter
            pending={pending}
            submitLabel={pending ? t('common.creating') : t('common.create')}
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
