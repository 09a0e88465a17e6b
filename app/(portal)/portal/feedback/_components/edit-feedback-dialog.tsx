'use client';

import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { useT } from '@/lib/i18n/client';
import { editFeedbackAction } from '../actions';
import { FeedbackForm, type FeedbackDraft, type FeedbackSubjects } from './feedback-form';

/** Edits the customer's own feedback while it is still "received" (the server checks again). */
export function EditFeedbackDialog({ draft, subjects }: { draft: FeedbackDraft; subjects: FeedbackSubjects }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid={`edit-feedback-${draft.id}`}>
          <Pencil />
          {t('feedbackPortal.edit')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('feedbackPortal.editTitle')}</DialogTitle>
          <DialogDescription>{t('feedbackPortal.editDescription')}</DialogDescription>
        </DialogHeader>
        <FeedbackForm
          initial={draft}
          subjects={subjects}
          action={editFeedbackAction}
          onDone={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}
