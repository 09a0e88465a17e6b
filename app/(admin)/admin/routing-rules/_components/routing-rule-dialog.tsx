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
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import type { RoutingRuleRow } from '@/lib/case-rules/queries';
import { useT } from '@/lib/i18n/client';
import { createRoutingRuleAction, updateRoutingRuleAction } from '../actions';

export type RoutingFormOptions = {
  channels: RuleOption[];
  categories: RuleOption[];
  teams: RuleOption[];
  currency: string;
};

type Values = { teamId: string; enabled: boolean; draft: ConditionsDraft };

/** Create (no `rule`) or edit a routing rule: which cases (type, channel, category) go to which team. */
export function RoutingRuleDialog({ rule, options }: { rule?: RoutingRuleRow; options: RoutingFormOptions }) {
  const t = useT();
  const initial = (): Values => ({
    teamId: rule?.teamId ?? options.teams[0]?.value ?? '',
    enabled: rule?.enabled ?? true,
    draft: rule ? toDraft(rule.conditions) : emptyDraft(),
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = (s: string) => `routing-rule-${rule?.id ?? 'new'}-${s}`;
  const noTeams = options.teams.length === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setValues(initial());
          setErrors({});
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        {rule ? (
          <Button variant="ghost" size="sm" data-testid={`edit-routing-${rule.rank}`}>
            <Pencil />
            {t('caseRules.actions.edit')}
            <span className="sr-only"> {t('caseRules.routing.ruleName', { rank: rule.rank })}</span>
          </Button>
        ) : (
          <Button
            data-testid="new-routing-rule"
            disabled={noTeams}
            title={noTeams ? t('caseRules.routing.noTeams') : undefined}
          >
            <Plus />
            {t('caseRules.routing.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="max-h-[92vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>
            {rule ? t('caseRules.routing.editTitle', { rank: rule.rank }) : t('caseRules.routing.createTitle')}
          </DialogTitle>
          <DialogDescription>{t('caseRules.routing.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const body = { teamId: values.teamId, conditions: fromDraft(values.draft, 'routing') };
              const r = rule
                ? await updateRoutingRuleAction({ ...body, id: rule.id, version: rule.version })
                : await createRoutingRuleAction({ ...body, enabled: values.enabled });
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
            <FormField
              label={t('caseRules.routing.team')}
              htmlFor={id('team')}
              error={errors.teamId}
              hint={t('caseRules.routing.teamHint')}
              className="content-start"
              required
            >
              <NativeSelect
                id={id('team')}
                value={values.teamId}
                onChange={(e) => {
                  setValues((all) => ({ ...all, teamId: e.target.value }));
                  setErrors((all) => ({ ...all, teamId: '' }));
                }}
              >
                {options.teams.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            {rule ? null : (
              <div className="flex items-center gap-2 sm:pt-7">
                <Checkbox
                  id={id('enabled')}
                  checked={values.enabled}
                  onCheckedChange={(c) => setValues((all) => ({ ...all, enabled: c === true }))}
                />
                <Label htmlFor={id('enabled')} className="font-normal">
                  {t('caseRules.actions.enabledLabel')}
                </Label>
              </div>
            )}
          </div>
          <ConditionsFields
            idPrefix={id('c')}
            kind="routing"
            draft={values.draft}
            onChange={(draft) => {
              setValues((all) => ({ ...all, draft }));
              setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('conditions'))));
            }}
            errors={draftErrors(errors)}
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
