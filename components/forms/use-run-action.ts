'use client';

import { useTransition } from 'react';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';

/**
 * For buttons and selects that call a server action directly (no form): runs it in a transition,
 * toasts the outcome (the first field error if there is one) and calls `onOk` on success.
 */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<ActionResult<unknown>>, onOk?: () => void) =>
    startTransition(async () => {
      const r = await call();
      if (r.ok) {
        if (r.message) toast.success(r.message);
        onOk?.();
      } else toast.error(r.fieldErrors ? (Object.values(r.fieldErrors)[0] ?? r.message) : r.message);
    });
  return { pending, run };
}
