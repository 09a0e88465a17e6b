'use client';

import { LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { AttachmentPicker, attachmentIdsOf } from './attachment-picker';
import { policyLines, RequestSuggestions, type SuggestFn } from './request-suggestions';
import { useState, useTransition } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n/client';
import { currencySymbol, formatMoney, parseAmount } from '@/lib/money';
import { cn } from '@/lib/utils';
import type { ActionResult } from '@/lib/actions';

type TypeOption = { type: string; label: string; eligible: boolean; why: string };
type Line = { sku: string; name: string; available: number; inOpenCases: number; paidUnitCents?: number };

type Submit = (input: {
  orderNo: string;
  type: string;
  reason: string;
  description: string;
  items: { sku: string; quantity: string; claimedUnitCents?: number }[];
  overrideReason?: string;
  attachments: string[];
  suggestionId?: string;
}) => Promise<ActionResult<{ caseNo: string }>>;

/**
 * Step 3–4 of a case request: the types with the policy's answer, items and description. Staff
 * (`allowOverride`) may pick a type the policy refuses, giving the reason that is recorded.
 */
export function NewCaseForm({
  orderNo,
  reason,
  types,
  lines,
  onSubmit,
  donePath,
  allowOverride = false,
  currency = 'CNY',
  suggest,
}: {
  orderNo: string;
  reason: string;
  types: TypeOption[];
  lines: Line[];
  onSubmit: Submit;
  /** `{caseNo}` is replaced by the new case's number. */
  donePath: string;
  allowOverride?: boolean;
  /** The order's currency, for price protection's "you paid" beside the lower price. */
  currency?: string;
  /** Help articles while the customer writes (the portal; staff know the answers). */
  suggest?: SuggestFn;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [type, setType] = useState(types.find((x) => x.eligible)?.type ?? '');
  const [picked, setPicked] = useState<Record<string, string>>({});
  // 价保: the lower unit price the customer saw, per picked line, as typed.
  const [claims, setClaims] = useState<Record<string, string>>({});
  const priceProtection = type === 'price_protection';
  const [description, setDescription] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const needsItems = !['complaint', 'inquiry'].includes(type);
  const overriding = allowOverride && types.some((x) => x.type === type && !x.eligible);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const attachments = attachmentIdsOf(e.currentTarget);
    if (!attachments) return void toast.info(t('attachments.wait'));
    const suggestionId = new FormData(e.currentTarget).get('suggestionId');
    startTransition(async () => {
      const items = needsItems
        ? Object.entries(picked).map(([sku, quantity]) => ({
            sku,
            quantity,
            ...(priceProtection && claims[sku]?.trim() ? { claimedUnitCents: parseAmount(claims[sku]) } : {}),
          }))
        : [];
      const r = await onSubmit({
        orderNo,
        type,
        reason,
        description,
        items,
        overrideReason: overriding ? overrideReason : undefined,
        attachments,
        ...(typeof suggestionId === 'string' && suggestionId ? { suggestionId } : {}),
      });
      if (r.ok) {
        toast.success(r.message);
        router.push(donePath.replace('{caseNo}', r.data.caseNo));
      } else {
        setErrors(r.fieldErrors ?? {});
        setFormError(r.message);
      }
    });
  };
  return (
    <form onSubmit={submit} className="grid gap-6" noValidate>
      <fieldset className="grid gap-2">
        <legend className="mb-2 font-medium">{t('casePortal.step3')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {types.map((o) => (
            <label
              key={o.type}
              className={cn(
                'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5',
                !o.eligible && !allowOverride && 'cursor-not-allowed opacity-60',
              )}
            >
              <input
                type="radio"
                name="type"
                value={o.type}
                checked={type === o.type}
                disabled={!o.eligible && !allowOverride}
                onChange={() => setType(o.type)}
                className="mt-1 accent-[var(--primary)]"
              />
              <span className="grid gap-0.5">
                <span className="font-medium">{o.label}</span>
                <span className={cn('text-xs', o.eligible ? 'text-muted-foreground' : 'text-destructive')}>
                  {o.why}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {needsItems ? (
        <fieldset className="grid gap-2">
          <legend className="mb-2 font-medium">{t('casePortal.step4')}</legend>
          {errors.items ? <p className="text-sm text-destructive">{errors.items}</p> : null}
          {lines.map((l) => (
            <div key={l.sku} className="flex flex-wrap items-center gap-3 rounded-lg border p-3 text-sm">
              <Checkbox
                id={`line-${l.sku}`}
                disabled={l.available < 1}
                checked={l.sku in picked}
                onCheckedChange={(c) =>
                  setPicked((p) => {
                    const next = { ...p };
                    if (c === true) next[l.sku] = '1';
                    else delete next[l.sku];
                    return next;
                  })
                }
              />
              <Label htmlFor={`line-${l.sku}`} className="flex-1 font-normal">
                {l.name}
                <span className="ml-2 text-xs text-muted-foreground">
                  {t('casePortal.available', { count: l.available })}
                  {l.inOpenCases > 0 ? ` · ${t('casePortal.inOpenCases', { count: l.inOpenCases })}` : null}
                </span>
              </Label>
              {l.sku in picked ? (
                <Input
                  aria-label={`${t('casePortal.quantity')} ${l.name}`}
                  className="w-20"
                  inputMode="numeric"
                  value={picked[l.sku]}
                  onChange={(e) => setPicked((p) => ({ ...p, [l.sku]: e.target.value }))}
                />
              ) : null}
              {priceProtection && l.sku in picked ? (
                <div className="flex w-full flex-wrap items-center gap-2 pl-7">
                  <Label htmlFor={`claim-${l.sku}`} className="text-xs font-normal text-muted-foreground">
                    {t('priceProtection.claimedPrice', { currency: currencySymbol(currency, locale) })}
                  </Label>
                  <Input
                    id={`claim-${l.sku}`}
                    className="w-28"
                    inputMode="decimal"
                    value={claims[l.sku] ?? ''}
                    onChange={(e) => setClaims((c) => ({ ...c, [l.sku]: e.target.value }))}
                    data-testid={`claim-${l.sku}`}
                  />
                  {l.paidUnitCents !== undefined ? (
                    <span className="text-xs text-muted-foreground">
                      {t('priceProtection.paid', { amount: formatMoney(l.paidUnitCents, currency, locale) })}
                    </span>
                  ) : null}
                  {errors[`items.${Object.keys(picked).indexOf(l.sku)}.claimedUnitCents`] ? (
                    <p className="w-full text-destructive">
                      {errors[`items.${Object.keys(picked).indexOf(l.sku)}.claimedUnitCents`]}
                    </p>
                  ) : null}
                </div>
              ) : null}
              {errors[`items.${Object.keys(picked).indexOf(l.sku)}.quantity`] ? (
                <p className="w-full text-destructive">
                  {errors[`items.${Object.keys(picked).indexOf(l.sku)}.quantity`]}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      {overriding ? (
        <FormField
          label={t('caseDesk.new.override')}
          htmlFor="override-reason"
          error={errors.overrideReason}
          hint={t('caseDesk.new.overrideHint')}
          required
        >
          <Input
            id="override-reason"
            value={overrideReason}
            maxLength={500}
            onChange={(e) => setOverrideReason(e.target.value)}
          />
        </FormField>
      ) : null}
      <div className={cn('grid gap-6', suggest && 'lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] lg:items-start')}>
        <div className="grid min-w-0 gap-6">
          <FormField label={t('casePortal.describe')} htmlFor="case-description" error={errors.description} required>
            <Textarea
              id="case-description"
              rows={4}
              maxLength={2000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </FormField>
          <FormField label={t('attachments.title')} htmlFor="case-attachments" error={errors.attachments}>
            <AttachmentPicker disabled={pending} />
          </FormField>
        </div>
        {suggest ? (
          <RequestSuggestions
            suggest={suggest}
            orderNo={orderNo}
            reason={reason}
            type={type}
            description={description}
            policy={policyLines(types, type)}
          />
        ) : null}
      </div>
      {formError && !Object.keys(errors).length ? (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={pending || !type} data-testid="submit-case">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('casePortal.submit')}
        </Button>
      </div>
    </form>
  );
}
