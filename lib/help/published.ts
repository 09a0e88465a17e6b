import 'server-only';
import { and, eq } from 'drizzle-orm';
import { helpArticles, helpArticleVersions } from '@/db/schema';
import type { HelpLocale } from './schemas';

/** An article's published version (the join every public read makes). */
export const PUBLISHED_VERSION = and(
  eq(helpArticleVersions.articleId, helpArticles.id),
  eq(helpArticleVersions.number, helpArticles.publishedVersion),
);

/** The version's title and description in the reader's language. */
export const localeText = (locale: HelpLocale) =>
  locale === 'en'
    ? { title: helpArticleVersions.titleEn, description: helpArticleVersions.descriptionEn }
    : { title: helpArticleVersions.titleZh, description: helpArticleVersions.descriptionZh };
