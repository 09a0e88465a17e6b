import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import {
  customers,
  helpArticleFeedback,
  helpArticles,
  helpArticleViews,
  helpSearches,
  helpSuggestionSessions,
} from '@/db/schema';
import { transaction } from '@/db/tx';
import { can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError, RateLimitedError } from '@/lib/errors';
import { hit } from '@/lib/rate-limit';
import { parseInput } from '@/lib/validation';
import { bumpHelpDaily } from './daily';
import { slugsByArticleId } from './public';
import { ArticleFeedbackInput, ArticleViewInput, HelpQueryInput } from './schemas';
import { searchDocuments } from './search';

/**
 * What readers do in the help center: search, read, say whether it helped. Anonymous visitors
 * may do all three; each is rate-limited per address so nobody can flood the counts.
 */

export const RESULTS_PER_PAGE = 10;

/** The "what was missing" answers recordArticleFeedback accepts, for the pages that offer them. */
export { HELP_MISSING_REASONS } from '@/db/schema/help';
export { COMMENT_MAX as FEEDBACK_COMMENT_MAX } from './schemas';

export type HelpSearchResult = { slug: string; title: string; titleHtml: string; snippetHtml: string };

/** The signed-in customer's own customer record, if the caller is one. */
export async function readerCustomerId(db: Queryable, ctx: Ctx): Promise<string | null> {
  if (!ctx.actor || !can(ctx.actor, 'access:portal:own')) return null;
  const [c] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, ctx.actor.userId));
  return c?.id ?? null;
}

/** Records one search (its query, so authors see what readers looked for and did not find). */
export async function logSearch(
  db: Queryable,
  ctx: Ctx,
  entry: { surface: 'help' | 'guide' | 'request'; locale: string; query: string; results: number },
): Promise<void> {
  const query = entry.query.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!query) return;
  await db.insert(helpSearches).values({ ...entry, query, userId: ctx.actor?.userId ?? null });
  // The daily figures are about customers helping themselves; staff searching their guide are not.
  if (entry.surface !== 'guide')
    await bumpHelpDaily(db, { searches: 1, noResultSearches: entry.results === 0 ? 1 : 0 });
}

export async function searchHelpCenter({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(HelpQueryInput, input);
  const query = data.q.trim();
  const offset = (data.page - 1) * RESULTS_PER_PAGE;
  // One more than a page tells whether there is a next page without counting everything.
  const { hits, terms } = await searchDocuments({
    query,
    source: 'article',
    locale: data.locale,
    limit: RESULTS_PER_PAGE + 1,
    offset,
  });
  const slugs = await slugsByArticleId(hits.map((h) => h.articleId!).filter(Boolean));
  const results: HelpSearchResult[] = hits
    .slice(0, RESULTS_PER_PAGE)
    .filter((h) => slugs.has(h.articleId!))
    .map((h) => ({
      slug: slugs.get(h.articleId!)!,
      title: h.title,
      titleHtml: h.titleHtml,
      snippetHtml: h.snippetHtml,
    }));
  if (data.page === 1 && query) {
    const db = await getDb();
    await logSearch(db, ctx, { surface: 'help', locale: data.locale, query, results: results.length });
  }
  return { query, terms, page: data.page, results, hasMore: hits.length > RESULTS_PER_PAGE };
}

const FEEDBACK_RULE = { limit: 30, windowSeconds: 3600, blockSeconds: 3600 };
const VIEW_RULE = { limit: 600, windowSeconds: 3600, blockSeconds: 600 };

/** "Was this helpful?" — one answer, with what was missing when it was no. */
export async function recordArticleFeedback({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(ArticleFeedbackInput, input);
  const db = await getDb();
  if (await hit(db, `help-feedback:${ctx.ip ?? 'unknown'}`, FEEDBACK_RULE))
    throw new RateLimitedError(FEEDBACK_RULE.blockSeconds);
  return transaction(async (tx) => {
    const [article] = await tx
      .select({ version: helpArticles.publishedVersion })
      .from(helpArticles)
      .where(and(eq(helpArticles.id, data.articleId), eq(helpArticles.status, 'published')));
    if (!article) throw new NotFoundError();
    const [row] = await tx
      .insert(helpArticleFeedback)
      .values({
        articleId: data.articleId,
        versionNumber: article.version,
        locale: data.locale,
        helpful: data.helpful,
        missingReason: data.helpful ? null : (data.missingReason ?? null),
        comment: data.helpful ? null : data.comment,
        userId: ctx.actor?.userId ?? null,
      })
      .returning({ id: helpArticleFeedback.id });
    await bumpHelpDaily(tx, data.helpful ? { helpfulYes: 1 } : { helpfulNo: 1 });
    return { id: row!.id };
  });
}

/**
 * An article was read (a beacon from the page after it loaded, so the page render itself stays
 * read-only). Beyond the per-address limit views are dropped silently: a count, not a record.
 */
export async function recordArticleView({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(ArticleViewInput, input);
  const db = await getDb();
  if (await hit(db, `help-view:${ctx.ip ?? 'unknown'}`, VIEW_RULE)) return;
  await transaction(async (tx) => {
    const [article] = await tx
      .select({ id: helpArticles.id })
      .from(helpArticles)
      .where(and(eq(helpArticles.id, data.articleId), eq(helpArticles.status, 'published')));
    if (!article) throw new NotFoundError();
    const customerId = await readerCustomerId(tx, ctx);
    await tx
      .insert(helpArticleViews)
      .values({ articleId: article.id, locale: data.locale, customerId, surface: data.surface });
    await bumpHelpDaily(tx, { views: 1 });
    if (data.suggestionId && customerId) {
      // Only the customer's own suggestion session records which article they opened.
      await tx
        .update(helpSuggestionSessions)
        .set({ openedArticleId: article.id, updatedAt: sql`now()` })
        .where(
          and(eq(helpSuggestionSessions.id, data.suggestionId), eq(helpSuggestionSessions.customerId, customerId)),
        );
    }
  });
}
