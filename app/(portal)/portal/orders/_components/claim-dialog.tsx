'use client';

import { Link2 } from 'lucide-react';
import { useState } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
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
import { useT } from '@/lib/i18n/client';
import { claimOrderAction, type ClaimState } from '../actions';

export function ClaimDialog() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useFormAction<ClaimState>(claimOrderAction, () => setOpen(false));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="claim-order">
          <Link2 />
          {t('portalOrders.claim')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('portalOrders.claimTitle')}</DialogTitle>
          <DialogDescription>{t('portalOrders.claimDescription')}</DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4" noValidate>
          <FormField label={t('portalOrders.orderNo')} htmlFor="claim-order-no" error={errors?.orderNo} required>
            <Input
              id="claim-order-no"
              name="orderNo"
              maxLength={40}
              defaultValue={values?.orderNo}
              autoComplete="off"
            />
          </FormField>
          <FormField label={t('portalOrders.contact')} htmlFor="claim-contact" error={errors?.contact} required>
            <Input
              id="claim-contact"
              name="contact"
              maxLength={254}
              defaultValue={values?.contact}
              autoComplete="off"
            />
          </FormField>
          <FormDialogFooter pending={pending} submitLabel={t('portalOrders.claim')} onCancel={() => setOpen(false)} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
