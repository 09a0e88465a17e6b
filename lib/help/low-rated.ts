import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { helpArticleFeedback, helpArticles } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import type { HelpArticleStatus, HelpMissingReason } from './authoring';

/** The articles readers answered "no" to "Was this helpful?" most often, for their authors. */

/** Below this share of "yes" answers, with at least LOW_RATED_MIN_ANSWERS, an article needs work. */
export const LOW_RATED_RATIO = 0.5;
export const LOW_RATED_MIN_ANSWERS = 3;
const LOW_RATED_LIMIT = 20;
const LATEST_REASONS = 3;

export type LowRatedArticleDto = {
  id: string;
  slug: string;
  titleZh: string | null;
  titleEn: string | null;
  status: HelpArticleStatus;
  yes: number;
  no: number;
  /** The latest "no" answers that said what was missing, newest first. */
  latest: { reason: HelpMissingReason | null; comment: string | null; locale: string; createdAt: string }[];
};

/** The articles readers found least helpful, worst first, with what they said was missing. */
export async function listLowRatedArticles({ ctx }: { ctx: Ctx }): Promise<LowRatedArticleDto[]> {
  authorize(ctx.actor, 'manage:help:any');
  const db = await getDb();
  const f = helpArticleFeedback;
  const yes = sql<number>`count(*) filter (where ${f.helpful})::int`;
  const total = sql<number>`count(*)::int`;
  const rated = await db
    .select({
      id: helpArticles.id,
      slug: helpArticles.slug,
      titleZh: helpArticles.titleZh,
      titleEn: helpArticles.titleEn,
      status: helpArticles.status,
      yes,
      total,
    })
    .from(f)
    .innerJoin(helpArticles, eq(helpArticles.id, f.articleId))
    .groupBy(helpArticles.id)
    .having(and(sql`count(*) >= ${LOW_RATED_MIN_ANSWERS}`, sql`${yes} < count(*) * ${LOW_RATED_RATIO}::float8`))
    .orderBy(sql`${yes}::float / count(*)`, desc(total), asc(helpArticles.slug))
    .limit(LOW_RATED_LIMIT);
  if (!rated.length) return [];
  // The latest few reasons of every listed article at once (a window over their "no" answers).
  const latest = await db
    .select({
      articleId: sql<string>`t.article_id`,
      reason: sql<HelpMissingReason | null>`t.missing_reason`,
      comment: sql<string | null>`t.comment`,
      locale: sql<string>`t.locale`,
      createdAt: sql<string>`t.created_at`,
    })
    .from(
      sql`(select ${f.articleId} as article_id, ${f.missingReason} as missing_reason,
             ${f.comment} as comment, ${f.locale} as locale, ${f.createdAt} as created_at,
             row_number() over (partition by ${f.articleId} order by ${f.createdAt} desc, ${f.id} desc) as n
           from ${f}
           where ${inArray(
             f.articleId,
             rated.map((r) => r.id),
           )} and not ${f.helpful}
             and (${f.missingReason} is not null or ${f.comment} is not null)) t`,
    )
    .where(sql`t.n <= ${LATEST_REASONS}`)
    .orderBy(sql`t.created_at desc`);
  return rated.map((r) => ({
    id: r.id,
    slug: r.slug,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.status,
    yes: Number(r.yes),
    no: Number(r.total) - Number(r.yes),
    latest: latest
      .filter((l) => l.articleId === r.id)
      .map((l) => ({
        reason: l.reason,
        comment: l.comment,
        locale: l.locale,
        createdAt: new Date(l.createdAt).toISOString(),
      })),
  }));
}
