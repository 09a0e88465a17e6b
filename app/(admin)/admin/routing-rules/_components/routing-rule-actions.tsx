'use client';

import { DeleteRuleButton, EnableToggle, MoveButtons } from '@/components/case-rules/rule-row-actions';
import type { RoutingRuleRow } from '@/lib/case-rules/queries';
import { useT } from '@/lib/i18n/client';
import { deleteRoutingRuleAction, moveRoutingRuleAction, setRoutingRuleEnabledAction } from '../actions';
import { RoutingRuleDialog, type RoutingFormOptions } from './routing-rule-dialog';

export function RoutingRuleMove({ rule, count }: { rule: RoutingRuleRow; count: number }) {
  const t = useT();
  return (
    <MoveButtons
      name={t('caseRules.routing.ruleName', { rank: rule.rank })}
      rank={rule.rank}
      count={count}
      testId={`routing-${rule.rank}`}
      onMove={(direction) => moveRoutingRuleAction({ id: rule.id, version: rule.version, direction })}
    />
  );
}

export function RoutingRuleActions({ rule, options }: { rule: RoutingRuleRow; options: RoutingFormOptions }) {
  const t = useT();
  const name = t('caseRules.routing.ruleName', { rank: rule.rank });
  return (
    <>
      <RoutingRuleDialog key={rule.version} rule={rule} options={options} />
      <EnableToggle
        name={name}
        enabled={rule.enabled}
        testId={`routing-${rule.rank}`}
        onToggle={(enabled) => setRoutingRuleEnabledAction({ id: rule.id, version: rule.version, enabled })}
      />
      <DeleteRuleButton
        title={t('caseRules.routing.deleteTitle', { rank: rule.rank })}
        description={t('caseRules.routing.deleteDescription', { team: rule.teamName })}
        testId={`routing-${rule.rank}`}
        onDelete={() => deleteRoutingRuleAction({ id: rule.id, version: rule.version })}
      />
    </>
  );
}
