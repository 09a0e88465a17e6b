'use client';

import { useTransition } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/actions';
import { useT } from '@/lib/i18n/client';

/**
 * A button that asks before doing something destructive, then runs the action and toasts its
 * outcome. Used for every delete, purge and revoke so they all behave the same way.
 */
export function ConfirmButton({
  label,
  icon,
  title,
  description,
  onConfirm,
  variant = 'ghost',
  size = 'sm',
  testId,
}: {
  label: string;
  icon?: React.ReactNode;
  title: string;
  description: string;
  onConfirm: () => Promise<ActionResult<unknown> | void>;
  variant?: 'ghost' | 'outline';
  size?: 'sm' | 'default';
  testId?: string;
}) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant={variant}
          size={size}
          className="text-destructive hover:text-destructive"
          disabled={pending}
          data-testid={testId}
        >
          {icon}
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <AlertDialogAction
            variant="destructive"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const r = await onConfirm();
                if (!r) return;
                if (r.ok) {
                  if (r.message) toast.success(r.message);
                } else toast.error(r.message);
              })
            }
          >
            {label}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
