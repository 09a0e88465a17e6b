import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { helpArticles, helpArticleVersions } from '@/db/schema';
import { PUBLISHED_VERSION, localeText } from './published';
import type { HelpLocale } from './schemas';

export type TopicListing = Map<
  string,
  { total: number; articles: { slug: string; title: string; description: string }[] }
>;

/**
 * Per topic, how many published articles the reader's language has and the first `perCategory` of
 * them (the front page's cards, the topic lists). Ranking every published article is the costly
 * part (≈ 37 ms at 10,000), so the result is kept per process for as long as no article changes.
 *
 * Every change to an article bumps its version and articles are never deleted, so (count, sum of
 * versions) grows with each change: a fingerprint every instance computes alike whatever order
 * transactions commit in. It is read *before* the listing, so a change committed in between can
 * only make the next request read again, never keep a stale listing.
 */
const kept = new Map<string, { fingerprint: string; listing: TopicListing }>();

export async function topicListing(db: Db, locale: HelpLocale, perCategory: number): Promise<TopicListing> {
  const [row] = rowsOf<{ f: string }>(
    await db.execute(
      sql`select count(*)::text || ':' || coalesce(sum(${helpArticles.version}), 0)::text as f from ${helpArticles}`,
    ),
  );
  const fingerprint = row!.f;
  const key = `${locale}:${perCategory}`;
  const hit = kept.get(key);
  if (hit?.fingerprint === fingerprint) return hit.listing;
  const listing = await readListing(db, locale, perCategory);
  kept.set(key, { fingerprint, listing });
  return listing;
}

async function readListing(db: Db, locale: HelpLocale, perCategory: number): Promise<TopicListing> {
  const { title, description } = localeText(locale);
  const ranked = db
    .select({
      categoryId: helpArticles.categoryId,
      slug: helpArticles.slug,
      title: sql<string>`${title}`.as('title'),
      description: sql<string | null>`${description}`.as('description'),
      n: sql<number>`row_number() over (partition by ${helpArticles.categoryId} order by ${helpArticles.position}, ${helpArticles.slug})`.as(
        'n',
      ),
      total: sql<number>`count(*) over (partition by ${helpArticles.categoryId})`.as('total'),
    })
    .from(helpArticles)
    .innerJoin(helpArticleVersions, PUBLISHED_VERSION)
    .where(and(eq(helpArticles.status, 'published'), sql`coalesce(${title}, '') <> ''`))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    // At least each topic's first row, which carries the topic's count.
    .where(sql`${ranked.n} <= ${Math.max(perCategory, 1)}`)
    .orderBy(ranked.categoryId, ranked.n);
  const listing: TopicListing = new Map();
  for (const a of rows) {
    let entry = listing.get(a.categoryId);
    if (!entry) listing.set(a.categoryId, (entry = { total: Number(a.total), articles: [] }));
    if (Number(a.n) <= perCategory)
      entry.articles.push({ slug: a.slug, title: a.title, description: a.description ?? '' });
  }
  return listing;
}
