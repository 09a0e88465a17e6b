'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { FieldError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { CASE_TYPES } from '@/lib/cases/workflow';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { useI18n } from '@/lib/i18n/client';
import { currencySymbol } from '@/lib/money';
import type { ConditionsDraft, DraftField } from './draft';

/** A channel, category or team to choose, named in the viewer's language. */
export type RuleOption = { value: string; label: string };

function CheckboxGroup({
  id,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: RuleOption[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3">
        {options.map((o) => (
          <div key={o.value} className="flex items-center gap-2">
            <Checkbox
              id={`${id}-${o.value}`}
              checked={value.includes(o.value)}
              onCheckedChange={(c) => onChange(c === true ? [...value, o.value] : value.filter((x) => x !== o.value))}
            />
            <Label htmlFor={`${id}-${o.value}`} className="font-normal">
              {o.label}
            </Label>
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </fieldset>
  );
}

/**
 * The conditions of a rule. Priority rules may test everything; routing rules only the case type,
 * the sales channel and the product category (what a team specialises in).
 */
export function ConditionsFields({
  idPrefix,
  kind,
  draft,
  onChange,
  errors,
  channels,
  categories,
  currency,
}: {
  idPrefix: string;
  kind: 'priority' | 'routing';
  draft: ConditionsDraft;
  onChange: (next: ConditionsDraft) => void;
  errors: Partial<Record<DraftField, string>>;
  channels: RuleOption[];
  categories: RuleOption[];
  currency: string;
}) {
  const { t, locale } = useI18n();
  const sign = currencySymbol(currency, locale);
  const id = (s: string) => `${idPrefix}-${s}`;
  const set = <K extends keyof ConditionsDraft>(field: K, v: ConditionsDraft[K]) => onChange({ ...draft, [field]: v });
  const types = CASE_TYPES.map((v) => ({ value: v, label: t.dynamic(`cases.types.${v}`, undefined, v) }));
  const reasons = CASE_REASONS.map((v) => ({ value: v, label: t.dynamic(`cases.reasons.${v}`, undefined, v) }));
  return (
    <fieldset className="grid gap-5 rounded-md border p-4" aria-describedby={id('conditions-hint')}>
      <legend className="px-1 text-sm font-semibold">{t('caseRules.conditions.legend')}</legend>
      <p id={id('conditions-hint')} className="-mt-2 text-sm text-muted-foreground">
        {t('caseRules.conditions.hint')}
      </p>
      {errors.conditions ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.conditions}
        </p>
      ) : null}
      <CheckboxGroup
        id={id('types')}
        legend={t('caseRules.conditions.caseTypes')}
        options={types}
        value={draft.caseTypes}
        onChange={(v) => set('caseTypes', v)}
        error={errors.caseTypes}
      />
      {kind === 'priority' ? (
        <CheckboxGroup
          id={id('reasons')}
          legend={t('caseRules.conditions.reasons')}
          options={reasons}
          value={draft.reasons}
          onChange={(v) => set('reasons', v)}
          error={errors.reasons}
        />
      ) : null}
      <CheckboxGroup
        id={id('channels')}
        legend={t('caseRules.conditions.channels')}
        options={channels}
        value={draft.channels}
        onChange={(v) => set('channels', v)}
        error={errors.channels}
      />
      <CheckboxGroup
        id={id('categories')}
        legend={t('caseRules.conditions.categories')}
        options={categories}
        value={draft.categories}
        onChange={(v) => set('categories', v)}
        error={errors.categories}
      />
      {kind === 'priority' ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t('caseRules.conditions.orderValueMin', { sign })}
              htmlFor={id('min')}
              error={errors.orderValueMin}
              className="content-start"
            >
              <Input
                id={id('min')}
                inputMode="decimal"
                autoComplete="off"
                value={draft.orderValueMin}
                onChange={(e) => set('orderValueMin', e.target.value)}
                placeholder="5000.00"
              />
            </FormField>
            <FormField
              label={t('caseRules.conditions.orderValueMax', { sign })}
              htmlFor={id('max')}
              error={errors.orderValueMax}
              className="content-start"
            >
              <Input
                id={id('max')}
                inputMode="decimal"
                autoComplete="off"
                value={draft.orderValueMax}
                onChange={(e) => set('orderValueMax', e.target.value)}
              />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField
              label={t('caseRules.conditions.openCasesMin')}
              htmlFor={id('open')}
              error={errors.openCasesMin}
              className="content-start"
            >
              <Input
                id={id('open')}
                inputMode="numeric"
                autoComplete="off"
                value={draft.openCasesMin}
                onChange={(e) => set('openCasesMin', e.target.value)}
              />
            </FormField>
            <FormField
              label={t('caseRules.conditions.recentCasesMin')}
              htmlFor={id('recent')}
              error={errors.recentCasesMin}
              className="content-start"
            >
              <Input
                id={id('recent')}
                inputMode="numeric"
                autoComplete="off"
                value={draft.recentCasesMin}
                onChange={(e) => set('recentCasesMin', e.target.value)}
              />
            </FormField>
            <FormField
              label={t('caseRules.conditions.customerTags')}
              htmlFor={id('tags')}
              error={errors.customerTags}
              hint={t('caseRules.conditions.customerTagsHint')}
              className="content-start"
            >
              <Input
                id={id('tags')}
                autoComplete="off"
                value={draft.customerTags}
                onChange={(e) => set('customerTags', e.target.value)}
                placeholder="vip"
              />
            </FormField>
          </div>
          <FormField
            label={t('caseRules.conditions.keywords')}
            htmlFor={id('keywords')}
            error={errors.keywords}
            hint={t('caseRules.conditions.keywordsHint')}
          >
            <Textarea
              id={id('keywords')}
              rows={3}
              maxLength={3000}
              value={draft.keywords}
              onChange={(e) => set('keywords', e.target.value)}
              placeholder={'12315\n律师\nlawyer'}
            />
          </FormField>
        </>
      ) : null}
    </fieldset>
  );
}
