'use client';

import { Power, PowerOff } from 'lucide-react';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions';
import { useT } from '@/lib/i18n/client';

/**
 * Activate / deactivate in one click (nothing is lost either way, so no confirmation). `onToggle`
 * saves the whole record with the flag flipped: the verbs take complete records.
 */
export function ActiveToggle({
  active,
  name,
  testId,
  onToggle,
}: {
  active: boolean;
  name: string;
  testId?: string;
  onToggle: (next: boolean) => Promise<ActionResult<unknown>>;
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      data-testid={testId}
      onClick={() => run(() => onToggle(!active))}
    >
      {active ? <PowerOff /> : <Power />}
      {t(active ? 'feedbackAdmin.deactivate' : 'feedbackAdmin.activate')}
      <span className="sr-only"> {name}</span>
    </Button>
  );
}
