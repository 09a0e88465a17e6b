'use client';

import { Pencil } from 'lucide-react';
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
import { CASE_TYPES } from '@/lib/cases/workflow';
import { useT } from '@/lib/i18n/client';
import type { CategoryPolicyRow } from '@/lib/returns/policies';
import { savePolicyAction } from '../actions';

export function EditPolicyDialog({ policy, name }: { policy: CategoryPolicyRow; name: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({
    noReasonDays: String(policy.noReasonDays),
    qualityReturnDays: String(policy.qualityReturnDays),
    qualityExchangeDays: String(policy.qualityExchangeDays),
    priceProtectionDays: String(policy.priceProtectionDays),
  });
  const [types, setTypes] = useState<string[]>([...policy.allowedTypes]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const field = (key: keyof typeof values, label: string, hint: string) => (
    <FormField label={label} htmlFor={`${policy.category}-${key}`} error={errors[key]} hint={hint}>
      <Input
        id={`${policy.category}-${key}`}
        inputMode="numeric"
        value={values[key]}
        onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
      />
    </FormField>
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid={`edit-policy-${policy.category}`}>
          <Pencil />
          {t('policies.edit')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('policies.editTitle', { category: name })}</DialogTitle>
          <DialogDescription>{t('policies.editDescription')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await savePolicyAction({
                category: policy.category,
                version: policy.version,
                ...values,
                allowedTypes: types,
              });
              if (r.ok) {
                toast.success(r.message);
                setOpen(false);
              } else if (r.fieldErrors) setErrors(r.fieldErrors);
              else toast.error(r.message);
            });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            {field('noReasonDays', t('policies.noReasonDays'), t('policies.min', { days: 7 }))}
            {field('qualityReturnDays', t('policies.qualityReturnDays'), t('policies.min', { days: 7 }))}
            {field('qualityExchangeDays', t('policies.qualityExchangeDays'), t('policies.min', { days: 15 }))}
          </div>
          {field('priceProtectionDays', t('policies.priceProtectionDays'), t('policies.priceProtectionHint'))}
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('policies.allowedTypes')}</legend>
            <div className="grid grid-cols-2 gap-2">
              {CASE_TYPES.map((type) => (
                <div key={type} className="flex items-center gap-2">
                  <Checkbox
                    id={`${policy.category}-type-${type}`}
                    checked={types.includes(type)}
                    onCheckedChange={(c) =>
                      setTypes((list) => (c === true ? [...list, type] : list.filter((x) => x !== type)))
                    }
                  />
                  <Label htmlFor={`${policy.category}-type-${type}`} className="font-normal">
                    {t(`cases.types.${type}`)}
                  </Label>
                </div>
              ))}
            </div>
            {errors.allowedTypes ? <p className="text-sm text-destructive">{errors.allowedTypes}</p> : null}
          </fieldset>
          <FormDialogFooter pending={pending} submitLabel={t('common.save')} onCancel={() => setOpen(false)} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
