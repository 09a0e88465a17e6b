import 'server-only';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { newestFirst } from '@/db/keyset';
import { helpArticleFeedback, helpArticles, helpArticleVersions, helpCategories, helpImages, users } from '@/db/schema';
import type { HELP_ARTICLE_STATUSES, HELP_MISSING_REASONS } from '@/db/schema/help';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import { ArticleRefInput, ListAuthorArticlesInput, type HelpLocale } from './schemas';
import type { VersionTexts } from './version-diff';

/**
 * What authors of the help center read (#13): their article list and one article to edit (its
 * versions are in ./versions, the unhelpful articles in ./low-rated). Every read
 * authorises `manage:help:any` first, so a page that calls one is refused for anyone else.
 */

export type HelpArticleStatus = (typeof HELP_ARTICLE_STATUSES)[number];
export type HelpMissingReason = (typeof HELP_MISSING_REASONS)[number];

export const AUTHOR_PAGE_SIZE = 25;

export type AuthorCategoryDto = {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  position: number;
  /** Articles in it, archived ones included. */
  articles: number;
};

export type AuthorArticleRowDto = {
  id: string;
  slug: string;
  titleZh: string | null;
  titleEn: string | null;
  /** Languages the working copy has no translation in. */
  missing: HelpLocale[];
  category: { id: string; nameZh: string; nameEn: string };
  status: HelpArticleStatus;
  unpublishedChanges: boolean;
  publishedVersion: number | null;
  updatedBy: string | null;
  updatedAt: string;
  helpfulYes: number;
  helpfulNo: number;
};

const missingOf = (r: { titleZh: string | null; titleEn: string | null }): HelpLocale[] => [
  ...(r.titleZh ? [] : (['zh-CN'] as const)),
  ...(r.titleEn ? [] : (['en'] as const)),
];

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Helpful yes / no per article, for a set of articles, in one grouped query. */
async function helpfulCounts(ids: string[]): Promise<Map<string, { yes: number; no: number }>> {
  if (!ids.length) return new Map();
  const db = await getDb();
  const rows = await db
    .select({
      articleId: helpArticleFeedback.articleId,
      yes: sql<number>`count(*) filter (where ${helpArticleFeedback.helpful})::int`,
      no: sql<number>`count(*) filter (where not ${helpArticleFeedback.helpful})::int`,
    })
    .from(helpArticleFeedback)
    .where(inArray(helpArticleFeedback.articleId, ids))
    .groupBy(helpArticleFeedback.articleId);
  return new Map(rows.map((r) => [r.articleId, { yes: Number(r.yes), no: Number(r.no) }]));
}

/** The authors' list, most recently changed first (keyset on updated_at, id). */
export async function listArticlesForAuthors({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<Page<AuthorArticleRowDto>> {
  authorize(ctx.actor, 'manage:help:any');
  const { q, status, categoryId, cursor } = parseInput(ListAuthorArticlesInput, input);
  const db = await getDb();
  const filters: (SQL | undefined)[] = [];
  if (status) filters.push(eq(helpArticles.status, status));
  if (categoryId) filters.push(eq(helpArticles.categoryId, categoryId));
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    filters.push(
      or(ilike(helpArticles.slug, pattern), ilike(helpArticles.titleZh, pattern), ilike(helpArticles.titleEn, pattern)),
    );
  }
  const page = newestFirst(helpArticles.updatedAt, helpArticles.id, cursor, 'uuid');
  filters.push(page.where);
  const rows = await db
    .select({
      id: helpArticles.id,
      slug: helpArticles.slug,
      titleZh: helpArticles.titleZh,
      titleEn: helpArticles.titleEn,
      categoryId: helpCategories.id,
      categoryZh: helpCategories.nameZh,
      categoryEn: helpCategories.nameEn,
      status: helpArticles.status,
      unpublishedChanges: helpArticles.unpublishedChanges,
      publishedVersion: helpArticles.publishedVersion,
      updatedBy: users.name,
      updatedAt: helpArticles.updatedAt,
      key: page.key,
    })
    .from(helpArticles)
    .innerJoin(helpCategories, eq(helpCategories.id, helpArticles.categoryId))
    .leftJoin(users, eq(users.id, helpArticles.updatedBy))
    .where(and(...filters))
    .orderBy(desc(helpArticles.updatedAt), desc(helpArticles.id))
    .limit(AUTHOR_PAGE_SIZE + 1);
  const paged = toPage(rows, AUTHOR_PAGE_SIZE, page.cursorOf);
  const counts = await helpfulCounts(paged.items.map((r) => r.id));
  return {
    nextCursor: paged.nextCursor,
    items: paged.items.map((r) => ({
      id: r.id,
      slug: r.slug,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      missing: missingOf(r),
      category: { id: r.categoryId, nameZh: r.categoryZh, nameEn: r.categoryEn },
      status: r.status,
      unpublishedChanges: r.unpublishedChanges,
      publishedVersion: r.publishedVersion,
      updatedBy: r.updatedBy,
      updatedAt: r.updatedAt.toISOString(),
      helpfulYes: counts.get(r.id)?.yes ?? 0,
      helpfulNo: counts.get(r.id)?.no ?? 0,
    })),
  };
}

export async function listAuthorCategories({ ctx }: { ctx: Ctx }): Promise<AuthorCategoryDto[]> {
  authorize(ctx.actor, 'manage:help:any');
  const db = await getDb();
  const rows = await db
    .select({
      id: helpCategories.id,
      slug: helpCategories.slug,
      nameZh: helpCategories.nameZh,
      nameEn: helpCategories.nameEn,
      descriptionZh: helpCategories.descriptionZh,
      descriptionEn: helpCategories.descriptionEn,
      position: helpCategories.position,
      articles: sql<number>`count(${helpArticles.id})::int`,
    })
    .from(helpCategories)
    .leftJoin(helpArticles, eq(helpArticles.categoryId, helpCategories.id))
    .groupBy(helpCategories.id)
    .orderBy(asc(helpCategories.position), asc(helpCategories.slug));
  return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
}

export type HelpImageDto = { id: string; fileName: string; url: string; sizeBytes: number; markdown: string };

export type EditableArticleDto = VersionTexts & {
  id: string;
  slug: string;
  categoryId: string;
  position: number;
  related: string[];
  /** Related slugs that name no article (a typo, or an article deleted since). */
  relatedUnknown: string[];
  status: HelpArticleStatus;
  unpublishedChanges: boolean;
  publishedVersion: number | null;
  publishedAt: string | null;
  /** What readers see now, to show an author what a publish would change. */
  published: VersionTexts | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  images: HelpImageDto[];
};

/** One article's working copy, with what is live and the images uploaded for it. */
export async function getArticleForEditing({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<EditableArticleDto> {
  authorize(ctx.actor, 'manage:help:any');
  const { id } = parseInput(ArticleRefInput.pick({ id: true }), input);
  const db = await getDb();
  const [row] = await db
    .select({ article: helpArticles, published: helpArticleVersions, updatedBy: users.name })
    .from(helpArticles)
    .leftJoin(
      helpArticleVersions,
      and(
        eq(helpArticleVersions.articleId, helpArticles.id),
        eq(helpArticleVersions.number, helpArticles.publishedVersion),
      ),
    )
    .leftJoin(users, eq(users.id, helpArticles.updatedBy))
    .where(eq(helpArticles.id, id));
  if (!row) throw new NotFoundError('help_article');
  const a = row.article;
  const [images, known] = await Promise.all([
    db
      .select({
        id: helpImages.id,
        fileName: helpImages.fileName,
        sizeBytes: helpImages.sizeBytes,
      })
      .from(helpImages)
      .where(eq(helpImages.articleId, id))
      .orderBy(desc(helpImages.createdAt), desc(helpImages.id)),
    a.related.length
      ? db.select({ slug: helpArticles.slug }).from(helpArticles).where(inArray(helpArticles.slug, a.related))
      : Promise.resolve([]),
  ]);
  const knownSlugs = new Set(known.map((k) => k.slug));
  const p = row.published;
  return {
    id: a.id,
    slug: a.slug,
    categoryId: a.categoryId,
    position: a.position,
    related: a.related,
    relatedUnknown: a.related.filter((s) => !knownSlugs.has(s)),
    titleZh: a.titleZh,
    descriptionZh: a.descriptionZh,
    bodyZh: a.bodyZh,
    titleEn: a.titleEn,
    descriptionEn: a.descriptionEn,
    bodyEn: a.bodyEn,
    status: a.status,
    unpublishedChanges: a.unpublishedChanges,
    publishedVersion: a.publishedVersion,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    published: p
      ? {
          titleZh: p.titleZh,
          descriptionZh: p.descriptionZh,
          bodyZh: p.bodyZh,
          titleEn: p.titleEn,
          descriptionEn: p.descriptionEn,
          bodyEn: p.bodyEn,
        }
      : null,
    version: a.version,
    updatedBy: row.updatedBy,
    updatedAt: a.updatedAt.toISOString(),
    images: images.map((i) => {
      const url = `/help/images/${i.id}`;
      const alt = i.fileName.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]]/g, '');
      return { ...i, url, markdown: `![${alt}](${url})` };
    }),
  };
}
