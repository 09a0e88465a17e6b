import 'server-only';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { helpArticles, helpArticleVersions, users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { ArticleRefInput, ArticleVersionRefInput } from './schemas';
import { diffVersions, type LocaleDiff } from './version-diff';

/** An article's published versions and the diff of each against the one before (authors only). */

export type ArticleVersionDto = { number: number; publishedBy: string | null; publishedAt: string; current: boolean };

/** Every published version, newest first, with who published it and when. */
export async function listArticleVersions({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ArticleVersionDto[]> {
  authorize(ctx.actor, 'manage:help:any');
  const { id } = parseInput(ArticleRefInput.pick({ id: true }), input);
  const db = await getDb();
  const rows = await db
    .select({
      number: helpArticleVersions.number,
      publishedBy: users.name,
      publishedAt: helpArticleVersions.publishedAt,
      current: sql<boolean>`${helpArticles.status} = 'published' and ${helpArticles.publishedVersion} = ${helpArticleVersions.number}`,
    })
    .from(helpArticleVersions)
    .innerJoin(helpArticles, eq(helpArticles.id, helpArticleVersions.articleId))
    .leftJoin(users, eq(users.id, helpArticleVersions.publishedBy))
    .where(eq(helpArticleVersions.articleId, id))
    .orderBy(desc(helpArticleVersions.number));
  return rows.map((r) => ({ ...r, current: !!r.current, publishedAt: r.publishedAt.toISOString() }));
}

export type VersionDiffDto = {
  number: number;
  /** The version compared against; null for the first one (everything in it is new). */
  previous: number | null;
  publishedBy: string | null;
  publishedAt: string;
  locales: LocaleDiff[];
};

/** A version against the one published before it, per language and field. */
export async function getVersionDiff({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<VersionDiffDto> {
  authorize(ctx.actor, 'manage:help:any');
  const { id, number } = parseInput(ArticleVersionRefInput, input);
  const db = await getDb();
  const fields = {
    number: helpArticleVersions.number,
    titleZh: helpArticleVersions.titleZh,
    descriptionZh: helpArticleVersions.descriptionZh,
    bodyZh: helpArticleVersions.bodyZh,
    titleEn: helpArticleVersions.titleEn,
    descriptionEn: helpArticleVersions.descriptionEn,
    bodyEn: helpArticleVersions.bodyEn,
    publishedBy: users.name,
    publishedAt: helpArticleVersions.publishedAt,
  };
  const [[current], [previous]] = await Promise.all([
    db
      .select(fields)
      .from(helpArticleVersions)
      .leftJoin(users, eq(users.id, helpArticleVersions.publishedBy))
      .where(and(eq(helpArticleVersions.articleId, id), eq(helpArticleVersions.number, number))),
    // The version before: numbers are consecutive today, but "the highest below" holds regardless.
    db
      .select(fields)
      .from(helpArticleVersions)
      .leftJoin(users, eq(users.id, helpArticleVersions.publishedBy))
      .where(and(eq(helpArticleVersions.articleId, id), lt(helpArticleVersions.number, number)))
      .orderBy(desc(helpArticleVersions.number))
      .limit(1),
  ]);
  if (!current) throw new NotFoundError('help_article_version');
  return {
    number: current.number,
    previous: previous?.number ?? null,
    publishedBy: current.publishedBy,
    publishedAt: current.publishedAt.toISOString(),
    locales: diffVersions(previous ?? null, current),
  };
}
