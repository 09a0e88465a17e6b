import { z } from 'zod';
import { HELP_ARTICLE_STATUSES, HELP_MISSING_REASONS } from '@/db/schema/help';
import { CursorParam } from '@/lib/pagination';
import { MAX_QUERY_LENGTH } from './limits';

/** Inputs of the help-center verbs (#13). Error codes are `validation.*` keys. */

export { HELP_ARTICLE_STATUSES };

export const HELP_LOCALES = ['zh-CN', 'en'] as const;
export type HelpLocale = (typeof HELP_LOCALES)[number];

export const SLUG_MAX = 80;
export const TITLE_MAX = 140;
export const DESCRIPTION_MAX = 200;
export const BODY_MAX = 60_000;
export const COMMENT_MAX = 1000;
/** Words the public routes use themselves (/help/search, /help/images, the language prefixes). */
export const RESERVED_SLUGS = new Set(['search', 'images', 'en', 'zh-cn', 'feedback', 'views', 'category']);

const slugField = z
  .string({ message: 'required' })
  .trim()
  .toLowerCase()
  .min(1, 'required')
  .max(SLUG_MAX, 'too_long')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid_slug')
  .refine((s) => !RESERVED_SLUGS.has(s), 'reserved_slug');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((s) => (s ? s : null));

/** One language of an article; a language with no title is "not translated". */
const translation = {
  titleZh: optionalText(TITLE_MAX),
  descriptionZh: optionalText(DESCRIPTION_MAX),
  bodyZh: optionalText(BODY_MAX),
  titleEn: optionalText(TITLE_MAX),
  descriptionEn: optionalText(DESCRIPTION_MAX),
  bodyEn: optionalText(BODY_MAX),
};

const relatedField = z
  .array(z.string().trim().toLowerCase().max(SLUG_MAX, 'too_long'))
  .max(8, 'too_many')
  .optional()
  .default([])
  .transform((a) => [...new Set(a.filter(Boolean))]);

export const SaveArticleInput = z
  .object({
    id: z.uuid('not_found').optional(),
    version: z.coerce.number().int().min(1).optional(),
    slug: slugField,
    categoryId: z.uuid('required'),
    position: z.coerce.number().int('invalid').min(0, 'invalid').max(10_000, 'invalid').optional().default(0),
    related: relatedField,
    ...translation,
  })
  .superRefine((v, ctx) => {
    if (!v.titleZh && !v.titleEn) ctx.addIssue({ code: 'custom', path: ['titleZh'], message: 'one_language_required' });
    // A language is whole or absent: a title without a body (or the reverse) is a half translation.
    for (const [title, body] of [
      ['titleZh', 'bodyZh'],
      ['titleEn', 'bodyEn'],
    ] as const) {
      if (v[title] && !v[body]) ctx.addIssue({ code: 'custom', path: [body], message: 'required' });
      if (!v[title] && v[body]) ctx.addIssue({ code: 'custom', path: [title], message: 'required' });
    }
  });
export type SaveArticleInput = z.input<typeof SaveArticleInput>;

export const ArticleRefInput = z.object({
  id: z.uuid('not_found'),
  version: z.coerce.number().int().min(1),
});

/** The authors' article list (/desk/help): filters in the URL, an empty value meaning "any". */
export const ListAuthorArticlesInput = z.object({
  q: z.string().trim().max(100, 'too_long').optional().default(''),
  status: z
    .union([z.enum(HELP_ARTICLE_STATUSES, { message: 'invalid_choice' }), z.literal('')])
    .optional()
    .default(''),
  categoryId: z
    .union([z.uuid('invalid_choice'), z.literal('')])
    .optional()
    .default(''),
  cursor: CursorParam,
});
export type ListAuthorArticlesInput = z.input<typeof ListAuthorArticlesInput>;

/** A help-center category (topic), created or renamed by an author; names in both languages. */
export const SaveCategoryInput = z.object({
  id: z.uuid('not_found').optional(),
  slug: slugField,
  nameZh: z.string({ message: 'required' }).trim().min(1, 'required').max(40, 'too_long'),
  nameEn: z.string({ message: 'required' }).trim().min(1, 'required').max(60, 'too_long'),
  descriptionZh: z.string().trim().max(DESCRIPTION_MAX, 'too_long').optional().default(''),
  descriptionEn: z.string().trim().max(DESCRIPTION_MAX, 'too_long').optional().default(''),
  position: z.coerce.number().int('invalid').min(0, 'invalid').max(10_000, 'invalid').optional().default(0),
});
export type SaveCategoryInput = z.input<typeof SaveCategoryInput>;

/** One published version of an article, for its diff against the version before it. */
export const ArticleVersionRefInput = z.object({
  id: z.uuid('not_found'),
  number: z.coerce.number().int().min(1, 'not_found'),
});

export const HelpQueryInput = z.object({
  q: z.string().max(2000).optional().default(''),
  locale: z.enum(HELP_LOCALES).catch('zh-CN'),
  page: z.coerce.number().int().min(1).max(20).catch(1),
});

export const ArticleFeedbackInput = z
  .object({
    articleId: z.uuid('not_found'),
    locale: z.enum(HELP_LOCALES, { message: 'invalid_choice' }),
    helpful: z.boolean({ message: 'invalid_choice' }),
    missingReason: z.enum(HELP_MISSING_REASONS, { message: 'invalid_choice' }).optional(),
    comment: z.string().trim().max(COMMENT_MAX, 'too_long').optional(),
  })
  .transform((v) => ({ ...v, comment: v.comment || null }));

export const ArticleViewInput = z.object({
  articleId: z.uuid('not_found'),
  locale: z.enum(HELP_LOCALES, { message: 'invalid_choice' }),
  surface: z.enum(['help', 'request']).catch('help'),
  suggestionId: z.uuid().optional(),
});

export const SuggestInput = z.object({
  orderNo: z.string().trim().max(40).optional(),
  text: z.string().max(5000).optional().default(''),
  reason: z.string().max(60).optional(),
  type: z.string().max(40).optional(),
  locale: z.enum(HELP_LOCALES).catch('zh-CN'),
  /** The suggestion session of this form, once one exists (updated rather than repeated). */
  suggestionId: z.uuid().optional(),
});

export { MAX_QUERY_LENGTH };
