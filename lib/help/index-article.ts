import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { helpArticles, helpArticleVersions } from '@/db/schema';
import { markdownSections } from './markdown';
import { HELP_LOCALES, type HelpLocale } from './schemas';
import { indexArticleInTx, removeArticleFromIndexInTx } from './index-sql';

/** The columns of one language of an article or version row. */
export function localeFields<
  T extends {
    titleZh: string | null;
    descriptionZh: string | null;
    bodyZh: string | null;
    titleEn: string | null;
    descriptionEn: string | null;
    bodyEn: string | null;
  },
>(row: T, locale: HelpLocale): { title: string | null; description: string | null; body: string | null } {
  return locale === 'en'
    ? { title: row.titleEn, description: row.descriptionEn, body: row.bodyEn }
    : { title: row.titleZh, description: row.descriptionZh, body: row.bodyZh };
}

/**
 * Puts the article's published version into the search index, one row per language it has, or
 * takes it out when it is not published. Runs in the publishing transaction, so search never
 * shows an article the site would answer 404 for.
 */
export async function indexPublishedInTx(tx: Queryable, articleId: string): Promise<void> {
  const [row] = await tx
    .select({ status: helpArticles.status, version: helpArticleVersions })
    .from(helpArticles)
    .leftJoin(
      helpArticleVersions,
      and(
        eq(helpArticleVersions.articleId, helpArticles.id),
        eq(helpArticleVersions.number, helpArticles.publishedVersion),
      ),
    )
    .where(eq(helpArticles.id, articleId));
  if (!row || row.status !== 'published' || !row.version) {
    await removeArticleFromIndexInTx(tx, articleId);
    return;
  }
  for (const locale of HELP_LOCALES) {
    const { title, description, body } = localeFields(row.version, locale);
    if (!title || !body) {
      await indexArticleInTx(tx, articleId, locale, null);
      continue;
    }
    const sections = markdownSections(body);
    await indexArticleInTx(tx, articleId, locale, {
      title,
      headings: sections.map((s) => s.heading).filter(Boolean),
      body: [description ?? '', ...sections.map((s) => s.text)].filter(Boolean).join('\n'),
    });
  }
}
