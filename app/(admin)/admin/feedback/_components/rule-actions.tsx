'use client';

import { Trash2 } from 'lucide-react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useT } from '@/lib/i18n/client';
import { deleteRuleAction, saveRuleAction } from '../actions';
import { ActiveToggle } from './active-toggle';
import { RuleDialog, type LabelOption, type RuleRow } from './rule-dialog';

/** The row buttons of a keyword rule: edit, switch on or off, delete (after asking). */
export function RuleActions({
  rule,
  categories,
  tags,
}: {
  rule: RuleRow;
  categories: LabelOption[];
  tags: LabelOption[];
}) {
  const t = useT();
  const name = rule.keywords.slice(0, 3).join(', ');
  return (
    <>
      <RuleDialog rule={rule} categories={categories} tags={tags} nextPosition={rule.position} />
      <ActiveToggle
        active={rule.active}
        name={name}
        testId={`toggle-rule-${rule.keywords[0]}`}
        onToggle={(next) =>
          saveRuleAction(
            {
              id: rule.id,
              keywords: rule.keywords.join('\n'),
              categoryId: rule.categoryId ?? '',
              tagId: rule.tagId ?? '',
              position: rule.position,
              active: next,
            },
            next ? 'activated' : 'deactivated',
          )
        }
      />
      <ConfirmButton
        label={t('feedbackAdmin.rules.delete')}
        icon={<Trash2 />}
        title={t('feedbackAdmin.rules.deleteTitle')}
        description={`${name} — ${t('feedbackAdmin.rules.deleteDescription')}`}
        onConfirm={() => deleteRuleAction(rule.id)}
        testId={`delete-rule-${rule.keywords[0]}`}
      />
    </>
  );
}
