'use client';

import { Check, LoaderCircle, X } from 'lucide-react';
import { useState, useTransition } from 'react';
import { useRunAction } from '@/components/forms/use-run-action';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import type { CompensationDto } from '@/lib/cases/compensation';
import { COMPENSATION_METHODS, FREIGHT_PAYERS } from '@/lib/cases/schemas';
import { useI18n } from '@/lib/i18n/client';
import { centsToInput, currencySymbol, formatMoney } from '@/lib/money';
import { decideCompensationAction, recordCompensationAction, returnFreightAction } from '../actions';

const STATUS_VARIANT = { pending_approval: 'outline', approved: 'secondary', rejected: 'destructive' } as const;

/**
 * The case's after-sales money beyond the refund (#18): compensations with their approval state,
 * a form to record one (above the shop's threshold it waits for an approver), and who pays the
 * return freight. Approvers get approve / reject on pending ones.
 */
export function MoneyPanel({
  caseNo,
  currency,
  compensations,
  thresholdCents,
  canApprove,
  canRecord,
  freight,
}: {
  caseNo: string;
  currency: string;
  compensations: CompensationDto[];
  thresholdCents: number;
  canApprove: boolean;
  /** False once the case was cancelled: nothing to pay on a withdrawn request. */
  canRecord: boolean;
  /** Null: the case has no return leg, so no freight form. */
  freight: { payer: 'shop' | 'customer'; cents: number } | null | 'none';
}) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const sign = currencySymbol(currency, locale);
  return (
    <div className="grid gap-5 text-sm" data-testid="money-panel">
      <section className="grid gap-2">
        <h3 className="font-medium">{t('compensation.title')}</h3>
        {compensations.length ? (
          <ul className="divide-y rounded-lg border" data-testid="compensation-list">
            {compensations.map((c) => (
              <li key={c.id} className="grid gap-1 px-3 py-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium tabular-nums">
                    {money(c.amountCents)} · {t(`compensation.methods.${c.method}`)}
                  </span>
                  <Badge variant={STATUS_VARIANT[c.status]}>{t(`compensation.status.${c.status}`)}</Badge>
                </div>
                <p className="text-muted-foreground">{c.reason}</p>
                <p className="text-xs text-muted-foreground">
                  {t('compensation.recordedBy', { who: c.recordedBy })}
                  {c.decidedBy && c.status !== 'pending_approval'
                    ? ` · ${t('compensation.decidedBy', { who: c.decidedBy })}`
                    : ''}
                  {c.decisionNote ? ` · ${c.decisionNote}` : ''}
                </p>
                {c.status === 'pending_approval' && canApprove ? <Decision caseNo={caseNo} compensation={c} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground">{t('compensation.none')}</p>
        )}
        {canRecord ? (
          <RecordCompensation caseNo={caseNo} sign={sign} threshold={money(thresholdCents)} approvesOwn={canApprove} />
        ) : null}
      </section>
      {freight !== 'none' ? (
        <section className="grid gap-2 border-t pt-4">
          <h3 className="font-medium">{t('returnFreight.title')}</h3>
          <p className="text-muted-foreground" data-testid="return-freight">
            {freight
              ? t(`returnFreight.current.${freight.payer}`, { amount: money(freight.cents) })
              : t('returnFreight.none')}
          </p>
          {canRecord ? <FreightForm caseNo={caseNo} sign={sign} freight={freight} /> : null}
        </section>
      ) : null}
    </div>
  );
}

function Decision({ caseNo, compensation }: { caseNo: string; compensation: CompensationDto }) {
  const { t } = useI18n();
  const { pending, run } = useRunAction();
  const [note, setNote] = useState('');
  const decide = (decision: 'approve' | 'reject') =>
    run(() =>
      decideCompensationAction({
        caseNo,
        compensationId: compensation.id,
        version: compensation.version,
        decision,
        note: note || undefined,
      }),
    );
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <Input
        aria-label={t('compensation.decisionNote')}
        placeholder={t('compensation.decisionNote')}
        className="h-8 max-w-56"
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button size="sm" disabled={pending} onClick={() => decide('approve')} data-testid="compensation-approve">
        <Check />
        {t('compensation.approve')}
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() => decide('reject')}
        data-testid="compensation-reject"
      >
        <X />
        {t('compensation.reject')}
      </Button>
    </div>
  );
}

function RecordCompensation({
  caseNo,
  sign,
  threshold,
  approvesOwn,
}: {
  caseNo: string;
  sign: string;
  threshold: string;
  approvesOwn: boolean;
}) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<string>('coupon');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <form
      className="grid gap-3 rounded-lg border border-dashed p-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await recordCompensationAction({ caseNo, amount, method, reason });
          if (r.ok) {
            toast.success(r.message);
            setAmount('');
            setReason('');
            setErrors({});
          } else {
            setErrors(r.fieldErrors ?? {});
            if (!r.fieldErrors) toast.error(r.message);
          }
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label={t('compensation.amount', { currency: sign })}
          htmlFor="compensation-amount"
          error={errors.amountCents}
          required
        >
          <Input
            id="compensation-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="compensation-amount"
          />
        </FormField>
        <FormField label={t('compensation.method')} htmlFor="compensation-method" error={errors.method}>
          <NativeSelect id="compensation-method" value={method} onChange={(e) => setMethod(e.target.value)}>
            {COMPENSATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`compensation.methods.${m}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField label={t('compensation.reason')} htmlFor="compensation-reason" error={errors.reason} required>
        <Input
          id="compensation-reason"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="compensation-reason"
        />
      </FormField>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">
          {approvesOwn
            ? t('compensation.thresholdApprover', { threshold })
            : t('compensation.threshold', { threshold })}
        </p>
        <Button type="submit" size="sm" disabled={pending} data-testid="compensation-submit">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('compensation.record')}
        </Button>
      </div>
    </form>
  );
}

function FreightForm({
  caseNo,
  sign,
  freight,
}: {
  caseNo: string;
  sign: string;
  freight: { payer: 'shop' | 'customer'; cents: number } | null;
}) {
  const { t } = useI18n();
  const { pending, run } = useRunAction();
  const [payer, setPayer] = useState<string>(freight?.payer ?? 'shop');
  const [amount, setAmount] = useState(freight ? centsToInput(freight.cents) : '');
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        run(() => returnFreightAction({ caseNo, payer, amount }));
      }}
    >
      <FormField label={t('returnFreight.payer')} htmlFor="freight-payer">
        <NativeSelect id="freight-payer" value={payer} onChange={(e) => setPayer(e.target.value)}>
          {FREIGHT_PAYERS.map((p) => (
            <option key={p} value={p}>
              {t(`returnFreight.payers.${p}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label={t('returnFreight.amount', { currency: sign })} htmlFor="freight-amount">
        <Input id="freight-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </FormField>
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {t('returnFreight.save')}
      </Button>
    </form>
  );
}
