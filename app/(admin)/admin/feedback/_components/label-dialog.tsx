'use client';

import { Pencil, Plus } from 'lucide-react';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
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
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { saveLabelAction, type LabelKind } from '../actions';

export type LabelRow = { id: string; nameZh: string; nameEn: string; active: boolean };

const FIELDS = ['nameZh', 'nameEn'] as const;

/** Create (no `label`) or edit a category or tag: both names and whether it can be chosen. */
export function LabelDialog({ kind, label }: { kind: LabelKind; label?: LabelRow }) {
  const t = useT();
  const ns = kind === 'category' ? 'categories' : 'tags';
  const initial = () => ({ nameZh: label?.nameZh ?? '', nameEn: label?.nameEn ?? '', active: label?.active ?? true });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = (s: string) => `${kind}-${label?.id ?? 'new'}-${s}`;
  const name = label ? label.nameEn || label.nameZh : '';
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
        {label ? (
          <Button variant="ghost" size="sm" data-testid={`edit-${kind}-${label.nameEn}`}>
            <Pencil />
            {t('feedbackAdmin.edit')}
            <span className="sr-only"> {name}</span>
          </Button>
        ) : (
          <Button size="sm" data-testid={`new-${kind}`}>
            <Plus />
            {t(`feedbackAdmin.${ns}.new`)}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t(label ? `feedbackAdmin.${ns}.editTitle` : `feedbackAdmin.${ns}.createTitle`)}</DialogTitle>
          <DialogDescription>{t(`feedbackAdmin.${ns}.description`)}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await saveLabelAction(kind, { id: label?.id, ...values });
              if (r.ok) {
                toast.success(r.message);
                setErrors({});
                setOpen(false);
              } else if (r.fieldErrors && FIELDS.some((f) => r.fieldErrors?.[f])) setErrors(r.fieldErrors);
              else toast.error(r.message);
            });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            {FIELDS.map((f) => (
              <FormField key={f} label={t(`feedbackAdmin.${f}`)} htmlFor={id(f)} error={errors[f]} required>
                <Input
                  id={id(f)}
                  maxLength={60}
                  autoComplete="off"
                  lang={f === 'nameZh' ? 'zh-CN' : 'en'}
                  value={values[f]}
                  onChange={(e) => {
                    const v = e.target.value;
                    setValues((all) => ({ ...all, [f]: v }));
                    if (errors[f]) setErrors((all) => ({ ...all, [f]: '' }));
                  }}
                />
              </FormField>
            ))}
          </div>
          <div className="grid gap-1.5">
            <div className="flex items-center gap-2">
              <Checkbox
                id={id('active')}
                checked={values.active}
                onCheckedChange={(c) => setValues((all) => ({ ...all, active: c === true }))}
                aria-describedby={id('active-hint')}
              />
              <Label htmlFor={id('active')} className="font-normal">
                {t('feedbackAdmin.activeLabel')}
              </Label>
            </div>
            <p id={id('active-hint')} className="pl-6 text-sm text-muted-foreground">
              {t('feedbackAdmin.activeHint')}
            </p>
          </div>
          <FormDialogFooter
            pending={pending}
            submitLabel={
              pending ? t(label ? 'common.saving' : 'common.creating') : t(label ? 'common.save' : 'common.create')
            }
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
