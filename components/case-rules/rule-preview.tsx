'use client';

import { FlaskConical } from 'lucide-react';
import { useState, useTransition } from 'react';
import { PriorityBadge } from '@/components/cases/case-badges';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import type { CaseRulesPreview } from '@/lib/case-rules/queries';
import { CASE_TYPES } from '@/lib/cases/workflow';
import { catalogName } from '@/lib/catalog/names';
import { useI18n } from '@/lib/i18n/client';
import { currencySymbol, parseAmount } from '@/lib/money';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import type { RuleOption } from './conditions-fields';

type Sample = {
  type: string;
  reason: string;
  orderValue: string;
  channel: string;
  category: string;
  description: string;
  openCases: string;
  recentCases: string;
  tags: string;
};

/**
 * "Which rule would take this case?": the admin describes a made-up case and the server answers
 * with the saved rules, exactly as it would open a real one (priority, team, and the rules that
 * decided). Shown on both rule pages, since a case gets both answers at once.
 */
export function RulePreview({
  onPreview,
  channels,
  categories,
  currency,
}: {
  onPreview: (input: Record<string, unknown>) => Promise<ActionResult<CaseRulesPreview>>;
  channels: RuleOption[];
  categories: RuleOption[];
  currency: string;
}) {
  const { t, locale } = useI18n();
  const [sample, setSample] = useState<Sample>({
    type: 'return_refund',
    reason: 'quality_issue',
    orderValue: '299.00',
    channel: channels[0]?.value ?? '',
    category: categories[0]?.value ?? '',
    description: '',
    openCases: '0',
    recentCases: '0',
    tags: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<CaseRulesPreview | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (field: keyof Sample, v: string) => {
    setSample((s) => ({ ...s, [field]: v }));
    setErrors((e) => ({ ...e, [field === 'orderValue' ? 'orderValueCents' : field]: '' }));
  };
  const id = (s: string) => `preview-${s}`;
  const cents = parseAmount(sample.orderValue);

  return (
    <Card data-testid="rule-preview">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <FlaskConical className="size-4" aria-hidden />
          {t('caseRules.preview.title')}
        </CardTitle>
        <CardDescription>{t('caseRules.preview.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await onPreview({
                type: sample.type,
                reason: sample.reason,
                // An unreadable amount goes as typed: the server's message says what is wrong.
                orderValueCents: Number.isNaN(cents) ? sample.orderValue : cents,
                channel: sample.channel,
                category: sample.category,
                description: sample.description,
                openCases: sample.openCases,
                recentCases: sample.recentCases,
                tags: sample.tags.split(/[,，、\s]+/).filter(Boolean),
              });
              if (r.ok) {
                setErrors({});
                setResult(r.data);
              } else {
                setResult(null);
                if (r.fieldErrors) setErrors(r.fieldErrors);
                else toast.error(r.message);
              }
            });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label={t('caseRules.preview.type')} htmlFor={id('type')} error={errors.type}>
              <NativeSelect id={id('type')} value={sample.type} onChange={(e) => set('type', e.target.value)}>
                {CASE_TYPES.map((v) => (
                  <option key={v} value={v}>
                    {t.dynamic(`cases.types.${v}`, undefined, v)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label={t('caseRules.preview.reason')} htmlFor={id('reason')} error={errors.reason}>
              <NativeSelect id={id('reason')} value={sample.reason} onChange={(e) => set('reason', e.target.value)}>
                {CASE_REASONS.map((v) => (
                  <option key={v} value={v}>
                    {t.dynamic(`cases.reasons.${v}`, undefined, v)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label={t('caseRules.preview.channel')} htmlFor={id('channel')} error={errors.channel}>
              <NativeSelect id={id('channel')} value={sample.channel} onChange={(e) => set('channel', e.target.value)}>
                <option value="">{t('caseRules.preview.none')}</option>
                {channels.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label={t('caseRules.preview.category')} htmlFor={id('category')} error={errors.category}>
              <NativeSelect
                id={id('category')}
                value={sample.category}
                onChange={(e) => set('category', e.target.value)}
              >
                <option value="">{t('caseRules.preview.none')}</option>
                {categories.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label={t('caseRules.preview.orderValue', { sign: currencySymbol(currency, locale) })}
              htmlFor={id('value')}
              error={errors.orderValueCents}
            >
              <Input
                id={id('value')}
                inputMode="decimal"
                autoComplete="off"
                value={sample.orderValue}
                onChange={(e) => set('orderValue', e.target.value)}
              />
            </FormField>
            <FormField
              label={t('caseRules.preview.tags')}
              htmlFor={id('tags')}
              error={errors.tags}
              hint={t('caseRules.conditions.customerTagsHint')}
            >
              <Input
                id={id('tags')}
                autoComplete="off"
                value={sample.tags}
                onChange={(e) => set('tags', e.target.value)}
                placeholder="vip"
              />
            </FormField>
            <FormField label={t('caseRules.preview.openCases')} htmlFor={id('open')} error={errors.openCases}>
              <Input
                id={id('open')}
                inputMode="numeric"
                autoComplete="off"
                value={sample.openCases}
                onChange={(e) => set('openCases', e.target.value)}
              />
            </FormField>
            <FormField label={t('caseRules.preview.recentCases')} htmlFor={id('recent')} error={errors.recentCases}>
              <Input
                id={id('recent')}
                inputMode="numeric"
                autoComplete="off"
                value={sample.recentCases}
                onChange={(e) => set('recentCases', e.target.value)}
              />
            </FormField>
          </div>
          <FormField
            label={t('caseRules.preview.descriptionLabel')}
            htmlFor={id('description')}
            error={errors.description}
          >
            <Textarea
              id={id('description')}
              rows={3}
              maxLength={2000}
              value={sample.description}
              onChange={(e) => set('description', e.target.value)}
              placeholder={t('caseRules.preview.descriptionPlaceholder')}
            />
          </FormField>
          <div>
            <Button type="submit" disabled={pending} data-testid="run-preview">
              <FlaskConical />
              {pending ? t('caseRules.preview.running') : t('caseRules.preview.run')}
            </Button>
          </div>
        </form>
        <section
          aria-live="polite"
          aria-labelledby={id('result-title')}
          className="grid content-start gap-4 rounded-md border bg-muted/30 p-4"
          data-testid="preview-result"
        >
          <h3 id={id('result-title')} className="text-sm font-semibold">
            {t('caseRules.preview.resultTitle')}
          </h3>
          {result ? (
            <dl className="grid gap-4 text-sm">
              <div className="grid gap-1">
                <dt className="text-muted-foreground">{t('caseRules.preview.priority')}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <PriorityBadge
                    priority={result.priority}
                    label={t.dynamic(`caseDesk.priority.${result.priority}`, undefined, result.priority)}
                  />
                  <span data-testid="preview-priority-rule">
                    {result.priorityRule
                      ? t('caseRules.preview.byRule', {
                          rank: result.priorityRule.rank,
                          name: catalogName(result.priorityRule, locale),
                        })
                      : t('caseRules.preview.byDefault')}
                  </span>
                </dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-muted-foreground">{t('caseRules.preview.team')}</dt>
                <dd className="grid gap-0.5" data-testid="preview-team">
                  {result.team ? <span className="font-medium">{result.team.name}</span> : null}
                  <span className="text-muted-foreground">
                    {result.routedBy === 'rule' && result.routingRule
                      ? t('caseRules.preview.byRoutingRule', { rank: result.routingRule.rank })
                      : result.routedBy === 'case_type'
                        ? t('caseRules.preview.byCaseType')
                        : t('caseRules.preview.noTeam')}
                  </span>
                </dd>
              </div>
            </dl>
          ) : (
            <p className="text-sm text-muted-foreground">{t('caseRules.preview.empty')}</p>
          )}
          <p className="text-xs text-muted-foreground">{t('caseRules.preview.savedOnly')}</p>
        </section>
      </CardContent>
    </Card>
  );
}
