'use client';

import { Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { useFormAction } from '@/components/forms/use-form-action';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useT } from '@/lib/i18n/client';
import { REPLY_VARIABLES } from '@/lib/replies/variables';
import { saveReplyAction, type SaveReplyState } from '../actions';

type Reply = { id: string; title: string; body: string; bodyEn: string | null };

/** "New reply" (no `reply`) or "Edit" on a row: the same form, in a dialog. */
export function ReplyDialog({ reply }: { reply?: Reply }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {reply ? (
          <Button variant="ghost" size="sm" data-testid={`edit-reply-${reply.id}`}>
            <Pencil />
            {t('replies.edit')}
          </Button>
        ) : (
          <Button data-testid="new-reply">
            <Plus />
            {t('replies.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{reply ? t('replies.editTitle') : t('replies.new')}</DialogTitle>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from the saved values without stale errors. */}
        <ReplyForm reply={reply} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function ReplyForm({ reply, onDone }: { reply?: Reply; onDone: () => void }) {
  const t = useT();
  const [state, action, pending] = useFormAction<SaveReplyState>(saveReplyAction, onDone);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const prefix = reply ? `er-${reply.id.slice(0, 8)}` : 'nr';
  return (
    <form action={action} className="grid gap-4" noValidate>
      {reply ? <input type="hidden" name="id" value={reply.id} /> : null}
      <FormField label={t('replies.name')} htmlFor={`${prefix}-title`} error={errors?.title} required>
        <Input
          id={`${prefix}-title`}
          name="title"
          maxLength={80}
          defaultValue={values?.title ?? reply?.title}
          autoComplete="off"
        />
      </FormField>
      <FormField label={t('replies.bodyZh')} htmlFor={`${prefix}-body`} error={errors?.body} required>
        <Textarea
          id={`${prefix}-body`}
          name="body"
          maxLength={5000}
          rows={10}
          defaultValue={values?.body ?? reply?.body}
          className="max-h-[40dvh] min-h-40"
        />
      </FormField>
      <FormField
        label={t('replies.bodyEn')}
        htmlFor={`${prefix}-body-en`}
        error={errors?.bodyEn}
        hint={t('replies.bodyEnHint')}
      >
        <Textarea
          id={`${prefix}-body-en`}
          name="bodyEn"
          maxLength={5000}
          rows={6}
          defaultValue={values?.bodyEn ?? reply?.bodyEn ?? ''}
          className="max-h-[30dvh] min-h-28"
        />
      </FormField>
      <ReplyVariablesHint />
      <FormDialogFooter
        pending={pending}
        submitLabel={
          reply
            ? pending
              ? t('common.saving')
              : t('common.save')
            : pending
              ? t('common.creating')
              : t('common.create')
        }
        onCancel={onDone}
      />
    </form>
  );
}

/** The variables a reply may use, each as it is typed and what it becomes. */
function ReplyVariablesHint() {
  const t = useT();
  return (
    <div className="grid gap-1.5 rounded-lg border bg-muted/40 p-3 text-xs">
      <p className="text-muted-foreground">{t('replies.variablesHint')}</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {REPLY_VARIABLES.map((v) => (
          <li key={v}>
            <code className="font-mono">{`{{${v}}}`}</code>{' '}
            <span className="text-muted-foreground">{t(`replies.variableNames.${v}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
