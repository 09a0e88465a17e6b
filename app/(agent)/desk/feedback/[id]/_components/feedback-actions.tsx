'use client';

import { CalendarClock, LifeBuoy, LoaderCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { useFormAction } from '@/components/forms/use-form-action';
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
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { followUpAction, openCaseAction, type FollowUpState } from '../actions';

/**
 * "Open after-sales case": asks first (it creates a case the customer sees), then goes to the new
 * case. Not ConfirmButton, which is styled for destructive steps; for a low score or a complaint
 * this is the primary next step, so it is shown as one.
 */
export function OpenCaseButton({
  id,
  version,
  orderNo,
  prominent,
}: {
  id: number;
  version: number;
  orderNo: string;
  prominent: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant={prominent ? 'default' : 'outline'} disabled={pending} data-testid="open-case">
          {pending ? <LoaderCircle className="animate-spin" /> : <LifeBuoy />}
          {t('feedbackDesk.openCase.button')}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t('feedbackDesk.openCase.title', { orderNo })}</AlertDialogTitle>
          <AlertDialogDescription>{t('feedbackDesk.openCase.description')}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            data-testid="open-case-confirm"
            onClick={() =>
              startTransition(async () => {
                const r = await openCaseAction({ id, version });
                if (!r.ok) return void toast.error(r.message);
                if (r.message) toast.success(r.message);
                router.push(`/desk/cases/${r.data.caseNo}`);
              })
            }
          >
            {t('feedbackDesk.openCase.confirm')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** "Follow up": the agent takes the feedback and names the shop date by which they get back to the customer. */
export function FollowUpDialog({
  id,
  version,
  today,
  defaultDate,
  defaultNote,
  scheduled,
}: {
  id: number;
  version: number;
  /** Shop-calendar dates (YYYY-MM-DD) from the server, so the client's clock and zone do not matter. */
  today: string;
  defaultDate: string;
  defaultNote: string;
  scheduled: boolean;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="follow-up">
          <CalendarClock />
          {scheduled ? t('feedbackDesk.followUp.change') : t('feedbackDesk.followUp.button')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('feedbackDesk.followUp.title')}</DialogTitle>
          <DialogDescription>{t('feedbackDesk.followUp.description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from the saved values without stale errors. */}
        <FollowUpForm
          id={id}
          version={version}
          today={today}
          defaultDate={defaultDate}
          defaultNote={defaultNote}
          onDone={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

function FollowUpForm({
  id,
  version,
  today,
  defaultDate,
  defaultNote,
  onDone,
}: {
  id: number;
  version: number;
  today: string;
  defaultDate: string;
  defaultNote: string;
  onDone: () => void;
}) {
  const t = useT();
  const [state, action, pending] = useFormAction<FollowUpState>(followUpAction, onDone);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <FormField label={t('feedbackDesk.followUp.dueDate')} htmlFor="fu-due" error={errors?.dueDate} required>
        <Input
          id="fu-due"
          type="date"
          name="dueDate"
          min={today}
          defaultValue={values?.dueDate ?? defaultDate}
          required
          className="w-48"
        />
      </FormField>
      <FormField
        label={t('feedbackDesk.followUp.note')}
        htmlFor="fu-note"
        error={errors?.note}
        hint={t('feedbackDesk.followUp.noteHint')}
      >
        <Textarea id="fu-note" name="note" rows={3} maxLength={500} defaultValue={values?.note ?? defaultNote} />
      </FormField>
      <FormDialogFooter pending={pending} submitLabel={t('feedbackDesk.followUp.submit')} onCancel={onDone} />
    </form>
  );
}
