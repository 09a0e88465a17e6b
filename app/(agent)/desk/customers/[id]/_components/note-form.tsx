'use client';

import { LoaderCircle } from 'lucide-react';
import { useRef } from 'react';
import { useFormAction } from '@/components/forms/use-form-action';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Textarea } from '@/components/ui/textarea';
import type { ActionResult } from '@/lib/actions';
import { MAX_NOTE_LENGTH } from '@/lib/customers/schemas';
import { useT } from '@/lib/i18n/client';
import { addNoteAction } from '../actions';

/** A staff note on the profile; the form clears after a save and keeps the text when refused. */
export function NoteForm({ customerId }: { customerId: string }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useFormAction<ActionResult<{ id: number }>>(addNoteAction, () =>
    form.current?.reset(),
  );
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  return (
    <form ref={form} action={action} className="grid gap-2" noValidate data-testid="note-form">
      <input type="hidden" name="customerId" value={customerId} />
      <FormField label={t('customers.notes.label')} htmlFor="note-body" error={error} hint={t('customers.notes.hint')}>
        <Textarea
          id="note-body"
          name="body"
          required
          maxLength={MAX_NOTE_LENGTH}
          placeholder={t('customers.notes.placeholder')}
          className="min-h-20"
        />
      </FormField>
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('customers.notes.add')}
        </Button>
      </div>
    </form>
  );
}
