'use client';

import { DeleteRuleButton, EnableToggle, MoveButtons } from '@/components/case-rules/rule-row-actions';
import type { PriorityRuleRow } from '@/lib/case-rules/queries';
import { useT } from '@/lib/i18n/client';
import { deletePriorityRuleAction, movePriorityRuleAction, setPriorityRuleEnabledAction } from '../actions';
import { PriorityRuleDialog, type RuleFormOptions } from './priority-rule-dialog';

/** Move a rule up or down the list (the order is what decides). */
export function PriorityRuleMove({ rule, name, count }: { rule: PriorityRuleRow; name: string; count: number }) {
  return (
    <MoveButtons
      name={name}
      rank={rule.rank}
      count={count}
      testId={`rule-${rule.rank}`}
      onMove={(direction) => movePriorityRuleAction({ id: rule.id, version: rule.version, direction })}
    />
  );
}

/** Edit, switch on or off, delete (after asking). */
export function PriorityRuleActions({
  rule,
  name,
  options,
}: {
  rule: PriorityRuleRow;
  name: string;
  options: RuleFormOptions;
}) {
  const t = useT();
  return (
    <>
      <PriorityRuleDialog key={rule.version} rule={rule} displayName={name} options={options} />
      <EnableToggle
        name={name}
        enabled={rule.enabled}
        testId={`rule-${rule.rank}`}
        onToggle={(enabled) => setPriorityRuleEnabledAction({ id: rule.id, version: rule.version, enabled })}
      />
      <DeleteRuleButton
        title={t('caseRules.priority.deleteTitle', { name })}
        description={t('caseRules.priority.deleteDescription')}
        testId={`rule-${rule.rank}`}
        onDelete={() => deletePriorityRuleAction({ id: rule.id, version: rule.version })}
      />
    </>
  );
}
