'use client';

import { LoaderCircle, Send, XCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import type { CaseAction } from '@/lib/cases/workflow';
import { useT } from '@/lib/i18n/client';
import { customerActionAction, customerMessageAction } from '../../actions';

export function CustomerActions({ caseNo, version, actions }: { caseNo: string; version: number; actions: CaseAction[] }) {
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
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const r = await customerMessageAction({ caseNo, body });
          if (r.ok) setBody('');
          else toast.error(r.fieldErrors ? (Object.values(r.fieldErrors)[0] ?? r.message) : r.message);
        });
      }}
    >
      <Textarea rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} aria-label={t('casePortal.reply')} placeholder={t('casePortal.reply')} data-testid="customer-composer" />
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={pending || !body.trim()}>
          {pending ? <LoaderCircle className="animate-spin" /> : <Send />}
          {t('casePortal.send')}
        </Button>
      </div>
    </form>
  );
}
