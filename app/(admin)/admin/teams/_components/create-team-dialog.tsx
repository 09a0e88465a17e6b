'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useT } from '@/lib/i18n/client';
import { createTeamAction, type CreateTeamState } from '../actions';

export function CreateTeamDialog() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [state, action, pending] = useFormAction<CreateTeamState>(createTeamAction, () => {
    setOpen(false);
    setFormKey((k) => k + 1);
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus />
          {t('admin.teams.newTeam')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('admin.teams.createTitle')}</DialogTitle>
        </DialogHeader>
        <form key={formKey} action={action} className="grid gap-4" noValidate>
          <FormField label={t('admin.teams.name')} htmlFor="ct-name" error={errors?.name} required>
            <Input id="ct-name" name="name" maxLength={60} defaultValue={values?.name} />
          </FormField>
          <FormField label={t('admin.teams.descriptionLabel')} htmlFor="ct-description" error={errors?.description}>
            <Textarea
              id="ct-description"
              name="description"
              maxLength={300}
              rows={3}
              defaultValue={values?.description}
            />
          </FormField>
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
