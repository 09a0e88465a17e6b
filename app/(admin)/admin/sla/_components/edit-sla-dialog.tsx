'use client';

import { Pencil } from 'lucide-react';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
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
import { toast } from '@/components/ui/toast';
import { useI18n } from '@/lib/i18n/client';
import { saveSlaPolicyAction } from '../actions';
import { numberFormat } from '@/lib/intl';

export type SlaTargetRow = {
  priority: string;
  version: number;
  firstResponse: number;
  decision: number;
  resolution: number;
};

const FIELDS = [
  ['firstResponseMinutes', 'firstResponse'],
  ['decisionMinutes', 'decision'],
  ['resolutionMinutes', 'resolution'],
] as const;
type Field = (typeof FIELDS)[number][0];

/** "90" → "1.5 h"; nothing for what is not a whole number of minutes yet. */
export function useHoursHint() {
  const { t, locale } = useI18n();
  return (minutes: string | number) => {
    const n = Number(minutes);
    if (String(minutes).trim() === '' || !Number.isInteger(n) || n <= 0) return undefined;
    return t('sla.minutesHint', { hours: numberFormat(locale, { maximumFractionDigits: 1 }).format(n / 60) });
  };
}

export function EditSlaDialog({ target, label }: { target: SlaTargetRow; label: string }) {
  const { t } = useI18n();
  const hoursHint = useHoursHint();
  const initial = (): Record<Field, string> => ({
    firstResponseMinutes: String(target.firstResponse),
    decisionMinutes: String(target.decision),
    resolutionMinutes: String(target.resolution),
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Reopening starts from the saved values, not from an abandoned edit.
        if (next) {
          setValues(initial());
          setErrors({});
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid={`edit-sla-${target.priority}`}>
          <Pencil />
          {t('sla.edit')}
          <span className="sr-only"> {label}</span>
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('sla.editTitle', { priority: label })}</DialogTitle>
          <DialogDescription>{t('sla.editDescription')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await saveSlaPolicyAction({ priority: target.priority, version: target.version, ...values });
              if (r.ok) {
                toast.success(r.message);
                setErrors({});
                setOpen(false);
              } else if (r.fieldErrors && FIELDS.some(([key]) => r.fieldErrors?.[key])) setErrors(r.fieldErrors);
              else toast.error(r.message);
            });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            {FIELDS.map(([key, labelKey]) => {
              const id = `sla-${target.priority}-${key}`;
              return (
                <FormField
                  key={key}
                  label={t(`sla.${labelKey}`)}
                  htmlFor={id}
                  error={errors[key]}
                  hint={hoursHint(values[key])}
                  className="content-start"
                >
                  <Input
                    id={id}
                    inputMode="numeric"
                    autoComplete="off"
                    value={values[key]}
                    onChange={(e) => {
                      const value = e.target.value;
                      setValues((v) => ({ ...v, [key]: value }));
                      if (errors[key]) setErrors((all) => ({ ...all, [key]: '' }));
                    }}
                  />
                </FormField>
              );
            })}
          </div>
          <FormDialogFooter
            pending={pending}
            submitLabel={pending ? t('common.saving') : t('common.save')}
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
