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
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { saveRuleAction } from '../actions';

export type RuleRow = {
  id: string;
  keywords: string[];
  categoryId: string | null;
  tagId: string | null;
  position: number;
  active: boolean;
};
/** A category or tag to choose, named in the viewer's language. */
export type LabelOption = { id: string; name: string; active: boolean };

const FIELDS = ['keywords', 'categoryId', 'tagId', 'position'] as const;

/**
 * Create (no `rule`) or edit a keyword rule. Inactive categories and tags are offered only when the
 * rule already points at one, so editing keywords does not silently drop its target.
 */
export function RuleDialog({
  rule,
  categories,
  tags,
  nextPosition,
}: {
  rule?: RuleRow;
  categories: LabelOption[];
  tags: LabelOption[];
  nextPosition: number;
}) {
  const t = useT();
  const initial = () => ({
    keywords: rule?.keywords.join('\n') ?? '',
    categoryId: rule?.categoryId ?? '',
    tagId: rule?.tagId ?? '',
    position: String(rule?.position ?? nextPosition),
    active: rule?.active ?? true,
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const id = (s: string) => `rule-${rule?.id ?? 'new'}-${s}`;
  const set = (field: (typeof FIELDS)[number], v: string) => {
    setValues((all) => ({ ...all, [field]: v }));
    // "Choose a category or a tag" sits under the category: choosing a tag answers it too.
    setErrors((all) => ({ ...all, [field]: '', ...(field === 'tagId' ? { categoryId: '' } : {}) }));
  };
  const options = (list: LabelOption[], current: string) =>
    list
      .filter((o) => o.active || o.id === current)
      .map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.active ? '' : ` ${t('feedbackAdmin.rules.inactiveSuffix')}`}
        </option>
      ));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setValues(initial());
          setErrors({});
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        {rule ? (
          <Button variant="ghost" size="sm" data-testid={`edit-rule-${rule.keywords[0]}`}>
            <Pencil />
            {t('feedbackAdmin.edit')}
            <span className="sr-only"> {rule.keywords.slice(0, 3).join(', ')}</span>
          </Button>
        ) : (
          <Button size="sm" data-testid="new-rule">
            <Plus />
            {t('feedbackAdmin.rules.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t(rule ? 'feedbackAdmin.rules.editTitle' : 'feedbackAdmin.rules.createTitle')}</DialogTitle>
          <DialogDescription>{t('feedbackAdmin.rules.description')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const r = await saveRuleAction({ id: rule?.id, ...values });
              if (r.ok) {
                toast.success(r.message);
                setErrors({});
                setOpen(false);
              } else if (r.fieldErrors && FIELDS.some((f) => r.fieldErrors?.[f])) setErrors(r.fieldErrors);
              else toast.error(r.message);
            });
          }}
        >
          <FormField
            label={t('feedbackAdmin.rules.keywords')}
            htmlFor={id('keywords')}
            error={errors.keywords}
            hint={t('feedbackAdmin.rules.keywordsHint')}
            required
          >
            <Textarea
              id={id('keywords')}
              rows={5}
              maxLength={1000}
              value={values.keywords}
              onChange={(e) => set('keywords', e.target.value)}
              placeholder={'破损\ndamaged'}
            />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t('feedbackAdmin.rules.category')}
              htmlFor={id('category')}
              error={errors.categoryId}
              className="content-start"
            >
              <NativeSelect
                id={id('category')}
                value={values.categoryId}
                onChange={(e) => set('categoryId', e.target.value)}
              >
                <option value="">{t('feedbackAdmin.rules.none')}</option>
                {options(categories, values.categoryId)}
              </NativeSelect>
            </FormField>
            <FormField
              label={t('feedbackAdmin.rules.tag')}
              htmlFor={id('tag')}
              error={errors.tagId}
              className="content-start"
            >
              <NativeSelect id={id('tag')} value={values.tagId} onChange={(e) => set('tagId', e.target.value)}>
                <option value="">{t('feedbackAdmin.rules.none')}</option>
                {options(tags, values.tagId)}
              </NativeSelect>
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t('feedbackAdmin.rules.position')}
              htmlFor={id('position')}
              error={errors.position}
              hint={t('feedbackAdmin.rules.positionHint')}
              className="content-start"
            >
              <Input
                id={id('position')}
                inputMode="numeric"
                autoComplete="off"
                className="w-32"
                value={values.position}
                onChange={(e) => set('position', e.target.value)}
              />
            </FormField>
            <div className="flex items-center gap-2 sm:pt-7">
              <Checkbox
                id={id('active')}
                checked={values.active}
                onCheckedChange={(c) => setValues((all) => ({ ...all, active: c === true }))}
              />
              <Label htmlFor={id('active')} className="font-normal">
                {t('feedbackAdmin.rules.activeLabel')}
              </Label>
            </div>
          </div>
          <FormDialogFooter
            pending={pending}
            submitLabel={
              pending ? t(rule ? 'common.saving' : 'common.creating') : t(rule ? 'common.save' : 'common.create')
            }
            onCancel={() => setOpen(false)}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
