'use client';

import { AlertCircle, Pencil, Plus } from 'lucide-react';
import { useState, useTransition } from 'react';
import { FormDialogFooter } from '@/components/forms/form-dialog-footer';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
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
import type { ActionResult } from '@/lib/actions';
import { CATALOG_NAME_MAX, catalogName, type CatalogRecord } from '@/lib/catalog/names';
import { useI18n } from '@/lib/i18n/client';

type Values = { code: string; nameZh: string; nameEn: string; position: string };

/**
 * Create or edit a channel or a product category (same fields). The code is typed once and shown
 * read-only afterwards; a version conflict is explained inside the dialog, which stays open so
 * nothing typed is lost.
 */
export function CatalogRecordDialog({
  record,
  title,
  description,
  triggerLabel,
  idPrefix,
  onSubmit,
}: {
  /** Absent: a create dialog. */
  record?: CatalogRecord;
  title: string;
  description: string;
  triggerLabel: string;
  idPrefix: string;
  onSubmit: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const { t, locale } = useI18n();
  const initial: Values = {
    code: record?.code ?? '',
    nameZh: record?.nameZh ?? '',
    nameEn: record?.nameEn ?? '',
    position: record ? String(record.position) : '',
  };
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = (field: string) => `${idPrefix}-${field}`;
  const set = (field: keyof Values) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      setValues(initial);
      setErrors({});
      setConflict(null);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {record ? (
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('catalogRecords.editLabel', { name: catalogName(record, locale) })}
            data-testid={`edit-${record.code}`}
          >
            <Pencil />
            {triggerLabel}
          </Button>
        ) : (
          <Button data-testid={`${idPrefix}-new`}>
            <Plus />
            {triggerLabel}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const input = record
                ? {
                    code: record.code,
                    version: record.version,
                    nameZh: values.nameZh,
                    nameEn: values.nameEn,
                    position: values.position,
                  }
                : { code: values.code, nameZh: values.nameZh, nameEn: values.nameEn, position: values.position };
              const r = await onSubmit(input);
              if (r.ok) {
                if (r.message) toast.success(r.message);
                setOpen(false);
              } else if (r.fieldErrors) {
                setErrors(r.fieldErrors);
                setConflict(null);
              } else if (r.code === 'stale_version' || r.code === 'not_found') {
                setErrors({});
                setConflict(r.message);
              } else toast.error(r.message);
            });
          }}
        >
          {conflict ? (
            <Alert variant="destructive" data-testid="version-conflict">
              <AlertCircle />
              <AlertTitle>{t('catalogRecords.conflictTitle')}</AlertTitle>
              <AlertDescription>{conflict}</AlertDescription>
            </Alert>
          ) : null}
          {record ? (
            <FormField label={t('catalogRecords.code')} htmlFor={id('code')} hint={t('catalogRecords.codeFixed')}>
              <Input id={id('code')} value={record.code} readOnly className="font-mono" />
            </FormField>
          ) : (
            <FormField
              label={t('catalogRecords.code')}
              htmlFor={id('code')}
              error={errors.code}
              hint={t('catalogRecords.codeHint')}
              required
            >
              <Input
                id={id('code')}
                name="code"
                value={values.code}
                onChange={set('code')}
                maxLength={32}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
              />
            </FormField>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label={t('catalogRecords.nameZh')} htmlFor={id('nameZh')} error={errors.nameZh} required>
              <Input
                id={id('nameZh')}
                name="nameZh"
                value={values.nameZh}
                onChange={set('nameZh')}
                maxLength={CATALOG_NAME_MAX}
                lang="zh-CN"
              />
            </FormField>
            <FormField label={t('catalogRecords.nameEn')} htmlFor={id('nameEn')} error={errors.nameEn} required>
              <Input
                id={id('nameEn')}
                name="nameEn"
                value={values.nameEn}
                onChange={set('nameEn')}
                maxLength={CATALOG_NAME_MAX}
                lang="en"
              />
            </FormField>
          </div>
          <FormField
            label={t('catalogRecords.position')}
            htmlFor={id('position')}
            error={errors.position}
            hint={t('catalogRecords.positionHint')}
          >
            <Input
              id={id('position')}
              name="position"
              inputMode="numeric"
              value={values.position}
              onChange={set('position')}
              maxLength={6}
              className="w-32"
            />
          </FormField>
          <FormDialogFooter
            pending={pending}
            submitLabel={
              record
                ? pending
                  ? t('common.saving')
                  : t('common.save')
                : pending
                  ? t('common.creating')
                  : t('common.create')
            }
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
