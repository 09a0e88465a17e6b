'use client';

import { LoaderCircle, Send, Truck, XCircle } from 'lucide-react';
import { AttachmentPicker, attachmentIdsOf } from '@/components/cases/attachment-picker';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import type { CaseAction } from '@/lib/cases/workflow';
import { useT } from '@/lib/i18n/client';
import { customerActionAction, customerMessageAction, returnTrackingAction } from '../../actions';

export function CustomerActions({
  caseNo,
  version,
  actions,
}: {
  caseNo: string;
  version: number;
  actions: CaseAction[];
}) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  const run = (action: CaseAction) =>
    startTransition(async () => {
      const r = await customerActionAction({ caseNo, version, action });
      if (!r.ok) toast.error(r.message);
    });
  return (
    <div className="flex flex-wrap gap-2">
      {actions.includes('appeal') ? (
        <Button variant="outline" disabled={pending} onClick={() => run('appeal')}>
          {t('casePortal.appeal')}
        </Button>
      ) : null}
      {actions.includes('confirm_delivery') ? (
        <Button disabled={pending} onClick={() => run('confirm_delivery')}>
          {t('casePortal.confirmDelivery')}
        </Button>
      ) : null}
      {actions.includes('cancel') ? (
        <ConfirmButton
          label={t('casePortal.cancel')}
          icon={<XCircle />}
          variant="outline"
          size="default"
          title={t('casePortal.cancelTitle', { caseNo })}
          description={t('casePortal.cancelDescription')}
          onConfirm={() => customerActionAction({ caseNo, version, action: 'cancel' })}
          testId="cancel-case"
        />
      ) : null}
    </div>
  );
}

export function CustomerComposer({ caseNo }: { caseNo: string }) {
  const t = useT();
  const [body, setBody] = useState('');
  const [round, setRound] = useState(0);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const attachments = attachmentIdsOf(e.currentTarget);
        if (!attachments) return void toast.info(t('attachments.wait'));
        startTransition(async () => {
          const r = await customerMessageAction({ caseNo, body, attachments });
          if (r.ok) {
            setBody('');
            setRound((n) => n + 1);
          } else toast.error(r.fieldErrors ? (Object.values(r.fieldErrors)[0] ?? r.message) : r.message);
        });
      }}
    >
      <Textarea
        rows={3}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-label={t('casePortal.reply')}
        placeholder={t('casePortal.reply')}
        data-testid="customer-composer"
      />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <AttachmentPicker key={round} disabled={pending} />
        <Button type="submit" size="sm" disabled={pending || !body.trim()}>
          {pending ? <LoaderCircle className="animate-spin" /> : <Send />}
          {t('casePortal.send')}
        </Button>
      </div>
    </form>
  );
}

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS', '极兔速递'];

/** While the goods are on their way back: the customer says with which carrier and number. */
export function ReturnTrackingForm({
  caseNo,
  carrier,
  trackingNo,
}: {
  caseNo: string;
  carrier: string | null;
  trackingNo: string | null;
}) {
  const t = useT();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-end"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(async () => {
          const r = await returnTrackingAction({
            caseNo,
            carrier: String(form.get('carrier') ?? ''),
            trackingNo: String(form.get('trackingNo') ?? ''),
          });
          if (r.ok) {
            setErrors({});
            if (r.message) toast.success(r.message);
          } else {
            setErrors(r.fieldErrors ?? {});
            if (!r.fieldErrors) toast.error(r.message);
          }
        });
      }}
    >
      <FormField label={t('returnShipment.carrier')} htmlFor="return-carrier" error={errors.carrier}>
        <NativeSelect id="return-carrier" name="carrier" defaultValue={carrier ?? CARRIERS[0]}>
          {CARRIERS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t('returnShipment.trackingNo')} htmlFor="return-tracking-no" error={errors.trackingNo}>
        <Input
          id="return-tracking-no"
          name="trackingNo"
          defaultValue={trackingNo ?? ''}
          maxLength={40}
          autoComplete="off"
          className="font-mono"
          data-testid="return-tracking-input"
        />
      </FormField>
      <Button type="submit" disabled={pending} data-testid="return-tracking-submit">
        {pending ? <LoaderCircle className="animate-spin" /> : <Truck />}
        {t('returnShipment.submit')}
      </Button>
    </form>
  );
}
