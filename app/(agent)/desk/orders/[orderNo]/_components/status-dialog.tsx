'use client';

import { ArrowRightLeft } from 'lucide-react';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import type { OrderStatus } from '@/lib/orders/workflow';
import { changeStatusAction } from '../actions';

export function StatusDialog({
  orderNo,
  version,
  targets,
  carrier,
  trackingNo,
}: {
  orderNo: string;
  version: number;
  targets: OrderStatus[];
  carrier: string | null;
  trackingNo: string | null;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<OrderStatus | undefined>(targets[0]);
  const [note, setNote] = useState('');
  const [carrierValue, setCarrier] = useState(carrier ?? '');
  const [tracking, setTracking] = useState(trackingNo ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  if (targets.length === 0) {
    return (
      <Button variant="outline" disabled title={t('orders.detail.noTransitions')}>
        <ArrowRightLeft />
        {t('orders.detail.changeStatus')}
      </Button>
    );
  }
  const submit = () =>
    startTransition(async () => {
      if (!to) return;
      const r = await changeStatusAction({
        orderNo,
        version,
        to,
        note: note || undefined,
        carrier: to === 'shipped' ? carrierValue || undefined : undefined,
        trackingNo: to === 'shipped' ? tracking || undefined : undefined,
      });
      if (r.ok) {
        toast.success(r.message);
        setOpen(false);
        setNote('');
        setErrors({});
      } else if (r.fieldErrors) {
        setErrors(r.fieldErrors);
      } else {
        toast.error(r.message);
      }
    });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="change-status">
          <ArrowRightLeft />
          {t('orders.detail.changeStatus')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('orders.detail.statusTitle', { orderNo })}</DialogTitle>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <FormField label={t('orders.detail.to')} htmlFor="status-to" error={errors.to}>
            <NativeSelect id="status-to" value={to} onChange={(e) => setTo(e.target.value as OrderStatus)}>
              {targets.map((s) => (
                <option key={s} value={s}>
                  {t(`orders.status.${s}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {to === 'shipped' ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label={t('orders.detail.carrier')} htmlFor="status-carrier" error={errors.carrier}>
                <Input
                  id="status-carrier"
                  value={carrierValue}
                  maxLength={40}
                  onChange={(e) => setCarrier(e.target.value)}
                />
              </FormField>
              <FormField
                label={t('orders.detail.trackingNo')}
                htmlFor="status-tracking"
                error={errors.trackingNo}
                required
              >
                <Input
                  id="status-tracking"
                  value={tracking}
                  maxLength={64}
                  onChange={(e) => setTracking(e.target.value)}
                />
              </FormField>
            </div>
          ) : null}
          <FormField label={t('orders.detail.note')} htmlFor="status-note" error={errors.note}>
            <Textarea
              id="status-note"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('orders.detail.notePlaceholder')}
            />
          </FormField>
          <FormDialogFooter pending={pending} submitLabel={t('common.confirm')} onCancel={() => setOpen(false)} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
