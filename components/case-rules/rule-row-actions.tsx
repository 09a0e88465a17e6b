'use client';

import { ArrowDown, ArrowUp, Power, PowerOff, Trash2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { ConfirmButton } from '@/components/forms/confirm-button';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions';
import { useT } from '@/lib/i18n/client';

/**
 * Up / down buttons for one rule. They are ordinary buttons, so Tab and Enter move a rule; after a
 * move the list re-renders in its new order and the focus comes back to the same button (or to
 * the other one when the rule reached an end), so pressing Enter again keeps moving it.
 */
export function MoveButtons({
  name,
  rank,
  count,
  testId,
  onMove,
}: {
  name: string;
  rank: number;
  count: number;
  testId: string;
  onMove: (direction: 'up' | 'down') => Promise<ActionResult<unknown>>;
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'up' | 'down' | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want) return;
    refocus.current = null;
    const first = want === 'up' ? up.current : down.current;
    const other = want === 'up' ? down.current : up.current;
    (first && !first.disabled ? first : other)?.focus();
  }, [rank]);
  const move = (direction: 'up' | 'down') =>
    run(
      () => onMove(direction),
      () => {
        refocus.current = direction;
      },
    );
  return (
    <span className="inline-flex">
      <Button
        ref={up}
        variant="ghost"
        size="icon"
        disabled={pending || rank <= 1}
        onClick={() => move('up')}
        aria-label={t('caseRules.actions.moveUp', { name })}
        title={t('caseRules.actions.moveUp', { name })}
        data-testid={`move-up-${testId}`}
      >
        <ArrowUp />
      </Button>
      <Button
        ref={down}
        variant="ghost"
        size="icon"
        disabled={pending || rank >= count}
        onClick={() => move('down')}
        aria-label={t('caseRules.actions.moveDown', { name })}
        title={t('caseRules.actions.moveDown', { name })}
        data-testid={`move-down-${testId}`}
      >
        <ArrowDown />
      </Button>
    </span>
  );
}

/** Switch a rule on or off: not destructive (switching back restores it), so no confirmation. */
export function EnableToggle({
  name,
  enabled,
  testId,
  onToggle,
}: {
  name: string;
  enabled: boolean;
  testId: string;
  onToggle: (enabled: boolean) => Promise<ActionResult<unknown>>;
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => run(() => onToggle(!enabled))}
      data-testid={`toggle-${testId}`}
    >
      {enabled ? <PowerOff /> : <Power />}
      {enabled ? t('caseRules.actions.disable') : t('caseRules.actions.enable')}
      <span className="sr-only"> {name}</span>
    </Button>
  );
}

export function DeleteRuleButton({
  title,
  description,
  testId,
  onDelete,
}: {
  title: string;
  description: string;
  testId: string;
  onDelete: () => Promise<ActionResult<unknown>>;
}) {
  const t = useT();
  return (
    <ConfirmButton
      label={t('caseRules.actions.delete')}
      icon={<Trash2 />}
      title={title}
      description={description}
      onConfirm={onDelete}
      testId={`delete-${testId}`}
    />
  );
}
