'use client';

import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import type { AuthorCategoryDto } from '@/lib/help/authoring';
import { SLUG_MAX } from '@/lib/help/schemas';
import { useI18n } from '@/lib/i18n/client';
import type { FormValues } from './form-values';

/** The language-independent fields: address, category, order in the category, related articles. */
export function DetailsFields({
  values,
  errors,
  categories,
  relatedUnknown,
  liveSlug,
  onChange,
}: {
  values: FormValues;
  errors: Record<string, string>;
  categories: AuthorCategoryDto[];
  relatedUnknown: string[];
  /** The saved address of an article readers have seen: changing it leaves a redirect behind. */
  liveSlug: string | null;
  onChange: (patch: Partial<FormValues>) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Card className="py-4">
      <CardContent className="grid gap-4 px-4 sm:grid-cols-2 sm:px-6 lg:grid-cols-[2fr_1.5fr_0.7fr_2fr]">
        <FormField
          label={t('helpAuthoring.fields.slug')}
          htmlFor="article-slug"
          className="content-start"
          error={errors.slug}
          hint={
            liveSlug && values.slug !== liveSlug
              ? t('helpAuthoring.editor.slugMovedHint', {
                  path: `/help/${values.slug || '…'}`,
                  old: `/help/${liveSlug}`,
                })
              : t('helpAuthoring.editor.slugHint', { path: `/help/${values.slug || '…'}` })
          }
          required
        >
          <Input
            id="article-slug"
            value={values.slug}
            maxLength={SLUG_MAX}
            onChange={(e) => onChange({ slug: e.target.value })}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            data-testid="article-slug"
          />
        </FormField>
        <FormField
          label={t('helpAuthoring.fields.category')}
          htmlFor="article-category"
          className="content-start"
          error={errors.categoryId}
          required
        >
          <NativeSelect
            id="article-category"
            value={values.categoryId}
            onChange={(e) => onChange({ categoryId: e.target.value })}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === 'en' ? c.nameEn : c.nameZh}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label={t('helpAuthoring.fields.position')}
          htmlFor="article-position"
          className="content-start"
          error={errors.position}
          hint={t('helpAuthoring.editor.positionHint')}
        >
          <Input
            id="article-position"
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={values.position}
            onChange={(e) => onChange({ position: e.target.value })}
          />
        </FormField>
        <FormField
          label={t('helpAuthoring.fields.related')}
          htmlFor="article-related"
          className="content-start"
          error={
            errors.related ??
            (relatedUnknown.length
              ? t('helpAuthoring.editor.relatedUnknown', { slugs: relatedUnknown.join(', ') })
              : undefined)
          }
          hint={t('helpAuthoring.editor.relatedHint')}
        >
          <Input
            id="article-related"
            value={values.related}
            onChange={(e) => onChange({ related: e.target.value })}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
          />
        </FormField>
      </CardContent>
    </Card>
  );
}
