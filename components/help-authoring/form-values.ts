import type { EditableArticleDto } from '@/lib/help/authoring';
import type { HelpLocale } from '@/lib/help/schemas';
import type { VersionTexts } from '@/lib/help/version-diff';
import type { ArticleSaveInput } from './types';

/** The editor's fields as typed (strings throughout, so an empty field stays empty, not null). */
export type FormValues = {
  slug: string;
  categoryId: string;
  position: string;
  related: string;
  titleZh: string;
  descriptionZh: string;
  bodyZh: string;
  titleEn: string;
  descriptionEn: string;
  bodyEn: string;
};

/** Which form field holds each part of a language. */
export const LOCALE_FIELDS = {
  'zh-CN': { title: 'titleZh', description: 'descriptionZh', body: 'bodyZh' },
  en: { title: 'titleEn', description: 'descriptionEn', body: 'bodyEn' },
} as const satisfies Record<HelpLocale, Record<string, keyof FormValues>>;

export function emptyValues(categoryId: string): FormValues {
  return {
    slug: '',
    categoryId,
    position: '0',
    related: '',
    titleZh: '',
    descriptionZh: '',
    bodyZh: '',
    titleEn: '',
    descriptionEn: '',
    bodyEn: '',
  };
}

export function valuesOf(a: EditableArticleDto): FormValues {
  return {
    slug: a.slug,
    categoryId: a.categoryId,
    position: String(a.position),
    related: a.related.join(', '),
    titleZh: a.titleZh ?? '',
    descriptionZh: a.descriptionZh ?? '',
    bodyZh: a.bodyZh ?? '',
    titleEn: a.titleEn ?? '',
    descriptionEn: a.descriptionEn ?? '',
    bodyEn: a.bodyEn ?? '',
  };
}

/** Related slugs as typed: separated by commas (either width), spaces or new lines. */
export function relatedList(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function toSaveInput(v: FormValues, article: EditableArticleDto | null, version: number): ArticleSaveInput {
  return {
    ...(article ? { id: article.id, version, previousSlug: article.slug } : {}),
    slug: v.slug,
    categoryId: v.categoryId,
    // As typed: the verb coerces and validates it (a non-number comes back as a field error).
    position: v.position.trim() || '0',
    related: relatedList(v.related),
    titleZh: v.titleZh,
    descriptionZh: v.descriptionZh,
    bodyZh: v.bodyZh,
    titleEn: v.titleEn,
    descriptionEn: v.descriptionEn,
    bodyEn: v.bodyEn,
  };
}

/** The texts as a version would hold them (an empty field is "no text"). */
export function toTexts(v: FormValues): VersionTexts {
  const n = (s: string) => s.trim() || null;
  return {
    titleZh: n(v.titleZh),
    descriptionZh: n(v.descriptionZh),
    bodyZh: n(v.bodyZh),
    titleEn: n(v.titleEn),
    descriptionEn: n(v.descriptionEn),
    bodyEn: n(v.bodyEn),
  };
}

/** A slug suggested from an English title ("How long does a refund take?" → how-long-does-a-refund-take). */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
