'use client';

import { useActionState } from 'react';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';

/**
 * useActionState for our server actions: toasts the outcome (field errors stay on their fields
 * instead) and runs `onSuccess` inside the same transition, so forms can close or reset.
 */
export function useFormAction<S extends ActionResult<unknown>>(
  serverAction: (prev: S | null, form: FormData) => Promise<S>,
  onSuccess?: (state: S) => void,
) {
  return useActionState<S | null, FormData>(async (prev, form) => {
    const next = await serverAction(prev, form);
    if (next.ok) {
      if (next.message) toast.success(next.message);
      onSuccess?.(next);
    } else if (!next.fieldErrors) {
      toast.error(next.message);
    }
    return next;
  }, null);
}
