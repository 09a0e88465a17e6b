'use client';

import { Pencil, Plus } from 'lucide-react';
import { useState, useTransition } from 'react';
import { ConditionsFields, type RuleOption } from '@/components/case-rules/conditions-fields';
import { draftErrors, emptyDraft, fromDraft, toDraft, type ConditionsDraft } from '@/components/case-rules/draft';
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
import { toast } from '@/components/ui/toast';
import type { PriorityRuleRow } from '@/lib/case-rules/queries';
import { RULE_NAME_MAX } from '@/lib/case-rules/schemas';
import { PRIORITIES } from '@/lib/cases/priority';
import { useT } from '@/lib/i18n/client';
import { createPriorityRuleAction, updatePriorityRuleAction } from '../actions';

export type RuleFormOptions = { channels: RuleOption[]; categories: RuleOption[]; currency: string };

type Values = { nameZh: string; nameEn: string; priority: string; enabled: boolean; draft: ConditionsDraft };

/** Create (no `rule`) or edit a priority rule: names, the priority it gives, and its conditions. */
export function PriorityRuleDialog({
  rule,
  displayName,
  options,
}: {
  rule?: PriorityRuleRow;
  displayName?: string;
  options: RuleFormOptions;
}) {
  const t = useT();
  const initial = (): Values => ({
    nameZh: rule?.nameZh ?? '',
    nameEn: rule?.nameEn ?? '',
    priority: rule?.priority ?? 'high',
    enabled: rule?.enabled ?? true,
    draft: rule ? toDraft(rule.conditions) : emptyDraft(),
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = (s: string) => `priority-rule-${rule?.id ?? 'new'}-${s}`;
  const set = <K extends keyof Values>(field: K, v: Values[K]) => {
    setValues((all) => ({ ...all, [field]: v }));
    setErrors((all) => ({ ...all, [field]: '' }));
  };
  const conditionErrors = draftErrors(errors);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Reopening starts from the saved rule, not from an abandoned edit.
        if (next) {
          setValues(initial());
          setErrors({});
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        {rule ? (
          <Button variant="ghost" size="sm" data-testid={`edit-rule-${rule.rank}`}>
            <Pencil />
            {t('caseRules.actions.edit')}
            <span className="sr-only"> {displayName}</span>
          </Button>
        ) : (
          <Button data-testid="new-priority-rule">
            <Plus />
            {t('caseRules.priority.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="max-h-[92vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>
            {rule
              ? t('caseRules.priority.editTitle', { name: displayName ?? '' })
              : t('caseRules.priority.createTitle')}
          </DialogTitle>
          <DialogDescription>{t('caseRules.priority.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const body = {
                nameZh: values.nameZh,
                nameEn: values.nameEn,
                priority: values.priority,
                conditions: fromDraft(values.draft, 'priority'),
              };
              const r = rule
                ? await updatePriorityRuleAction({ ...body, id: rule.id, version: rule.version })
                : await createPriorityRuleAction({ ...body, enabled: values.enabled });
              if (r.ok) {
                toast.success(r.message);
                setErrors({});
                setOpen(false);
              } else if (r.fieldErrors && Object.keys(r.fieldErrors).length) {
                setErrors(r.fieldErrors);
                if (r.fieldErrors._form) toast.error(r.fieldErrors._form);
              } else toast.error(r.message);
            });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label={t('caseRules.priority.nameZh')} htmlFor={id('name-zh')} error={errors.nameZh} required>
              <Input
                id={id('name-zh')}
                lang="zh-CN"
                maxLength={RULE_NAME_MAX}
                autoComplete="off"
                value={values.nameZh}
                onChange={(e) => set('nameZh', e.target.value)}
              />
            </FormField>
            <FormField label={t('caseRules.priority.nameEn')} htmlFor={id('name-en')} error={errors.nameEn} required>
              <Input
                id={id('name-en')}
                lang="en"
                maxLength={RULE_NAME_MAX}
                autoComplete="off"
                value={values.nameEn}
                onChange={(e) => set('nameEn', e.target.value)}
              />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t('caseRules.priority.result')}
              htmlFor={id('priority')}
              error={errors.priority}
              className="content-start"
              required
            >
              <NativeSelect
                id={id('priority')}
                value={values.priority}
                onChange={(e) => set('priority', e.target.value)}
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t.dynamic(`caseDesk.priority.${p}`, undefined, p)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            {rule ? null : (
              <div className="flex items-center gap-2 sm:pt-7">
                <Checkbox
                  id={id('enabled')}
                  checked={values.enabled}
                  onCheckedChange={(c) => set('enabled', c === true)}
                />
                <Label htmlFor={id('enabled')} className="font-normal">
                  {t('caseRules.actions.enabledLabel')}
                </Label>
              </div>
            )}
          </div>
          <ConditionsFields
            idPrefix={id('c')}
            kind="priority"
            draft={values.draft}
            onChange={(draft) => {
              setValues((all) => ({ ...all, draft }));
              setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('conditions'))));
            }}
            errors={conditionErrors}
            channels={options.channels}
            categories={options.categories}
            currency={options.currency}
          />
          <FormDialogFooter
            pending={pending}
            submitLabel={
              pending ? t(rule ? 'common.saving' : 'common.creating') : t(rule ? 'common.save' : 'common.create')
            }
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
