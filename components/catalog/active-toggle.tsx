'use client';

import { CircleOff, RotateCcw } from 'lucide-react';
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
 * Deactivate or reactivate a channel or category, after a confirmation that says what happens to
 * what points at it. Deactivating is shown as the careful step it is; reactivating is not.
 */
export function ActiveToggle({
  active,
  code,
  title,
  description,
  onConfirm,
}: {
  active: boolean;
  code: string;
  title: string;
  description: string;
  onConfirm: () => Promise<ActionResult<unknown>>;
}) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  const label = active ? t('catalogRecords.deactivate') : t('catalogRecords.reactivate');
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className={active ? 'text-destructive hover:text-destructive' : undefined}
          disabled={pending}
          data-testid={`${active ? 'deactivate' : 'reactivate'}-${code}`}
        >
          {active ? <CircleOff /> : <RotateCcw />}
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
            variant={active ? 'destructive' : 'default'}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const r = await onConfirm();
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
