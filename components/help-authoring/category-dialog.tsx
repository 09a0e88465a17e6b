'use client';

import { Pencil, Plus } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import type { AuthorCategoryDto } from '@/lib/help/authoring';
import { useT } from '@/lib/i18n/client';
import type { CategorySaveInput, SaveCategoryAction } from './types';

const FIELDS = ['slug', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'position'] as const;

/** "New category", or "Edit" on a category's row: names in both languages, slug and position. */
export function CategoryDialog({ category, save }: { category?: AuthorCategoryDto; save: SaveCategoryAction }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const initial: CategorySaveInput = {
    slug: category?.slug ?? '',
    nameZh: category?.nameZh ?? '',
    nameEn: category?.nameEn ?? '',
    descriptionZh: category?.descriptionZh ?? '',
    descriptionEn: category?.descriptionEn ?? '',
    position: String(category?.position ?? 0),
  };
  const [values, setValues] = useState(initial);
  const prefix = category ? `cat-${category.id.slice(0, 8)}` : 'cat-new';

  const submit = () =>
    startTransition(async () => {
      const result = await save({ ...values, ...(category ? { id: category.id } : {}) }).catch(() => null);
      if (!result) return void toast.error(t('helpAuthoring.editor.networkError'));
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.message);
        return;
      }
      if (result.message) toast.success(result.message);
      setOpen(false);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Each opening starts from the saved values, without the last attempt's errors.
        if (next) {
          setValues(initial);
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        {category ? (
          <Button variant="ghost" size="sm" data-testid={`edit-category-${category.slug}`}>
            <Pencil />
            {t('helpAuthoring.categories.edit')}
            <span className="sr-only">{category.nameZh}</span>
          </Button>
        ) : (
          <Button variant="outline" data-testid="new-category">
            <Plus />
            {t('helpAuthoring.categories.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>
            {category ? t('helpAuthoring.categories.editTitle') : t('helpAuthoring.categories.new')}
          </DialogTitle>
        </DialogHeader>
        <form
          className="grid gap-4 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {FIELDS.map((f) => (
            <FormField
              key={f}
              label={t(`helpAuthoring.categories.fields.${f}`)}
              htmlFor={`${prefix}-${f}`}
              error={errors[f]}
              required={f === 'slug' || f === 'nameZh' || f === 'nameEn'}
              className={f.startsWith('description') ? 'sm:col-span-2' : undefined}
            >
              <Input
                id={`${prefix}-${f}`}
                value={values[f]}
                type={f === 'position' ? 'number' : 'text'}
                className={f === 'slug' ? 'font-mono' : undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
                autoComplete="off"
              />
            </FormField>
          ))}
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={pending} data-testid="save-category">
              {pending ? t('common.saving') : t('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
