import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { helpArticles, helpArticleVersions, helpCategories, helpSlugRedirects } from '@/db/schema';
import { localeFields } from './index-article';
import { PUBLISHED_VERSION, localeText } from './published';
import { topicListing } from './topic-listing';
import { renderMarkdown, type Heading } from './markdown';
import { HELP_LOCALES, type HelpLocale } from './schemas';
import { searchDocuments } from './search';

/**
 * What the public help center reads (no sign-in). Only published versions ever leave here: a
 * draft, an archived article or an unknown slug are all "not found". Rendering Markdown is the
 * costly part, so it happens once per published version and language (an in-process cache keyed
 * by article, version number and language): a new publish changes the key, so every instance
 * serves the new text on its next request with nothing to invalidate.
 */

export type HelpCategoryDto = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Its published articles in the reader's language. */
  articleCount: number;
  /** The first of them in the authors' order (as many as asked for). */
  articles: { slug: string; title: string; description: string }[];
};

export type HelpArticleDto = {
  id: string;
  slug: string;
  version: number;
  category: { slug: string; name: string };
  /** The language the text is in: the reader's, or the other one when the reader's is missing. */
  locale: HelpLocale;
  /** The reader's language has no translation; the text shown is in `locale`. */
  missingTranslation: boolean;
  title: string;
  description: string;
  html: string;
  headings: Heading[];
  publishedAt: string;
};

const categoryName = (c: { nameZh: string; nameEn: string }, locale: HelpLocale) =>
  locale === 'en' ? c.nameEn : c.nameZh;
const categoryDescription = (c: { descriptionZh: string; descriptionEn: string }, locale: HelpLocale) =>
  locale === 'en' ? c.descriptionEn : c.descriptionZh;

/**
 * Categories with their published articles in the reader's language (untranslated ones left out):
 * how many, and the first `perCategory` of them (the front page shows five a topic; a topic's own
 * page pages through them with listHelpTopicArticles): a shop with thousands of articles must not
 * read every one for a menu.
 */
export async function listHelpCategories(locale: HelpLocale, perCategory: number): Promise<HelpCategoryDto[]> {
  const db = await getDb();
  const [cats, byCategory] = await Promise.all([
    db.select().from(helpCategories).orderBy(asc(helpCategories.position), asc(helpCategories.slug)),
    topicListing(db, locale, perCategory),
  ]);
  return cats.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: categoryName(c, locale),
    description: categoryDescription(c, locale),
    articleCount: byCategory.get(c.id)?.total ?? 0,
    articles: byCategory.get(c.id)?.articles ?? [],
  }));
}

export const HELP_TOPIC_PAGE_SIZE = 50;

/** One page of a topic's published articles in the reader's language, in the authors' order. */
export async function listHelpTopicArticles(
  locale: HelpLocale,
  categoryId: string,
  cursor?: string,
  pageSize = HELP_TOPIC_PAGE_SIZE,
): Promise<Page<HelpCategoryDto['articles'][number]>> {
  const db = await getDb();
  const { title, description } = localeText(locale);
  const after = decodeCursor(cursor, ['number', 'string']);
  const rows = await db
    .select({ position: helpArticles.position, slug: helpArticles.slug, title, description })
    .from(helpArticles)
    .innerJoin(helpArticleVersions, PUBLISHED_VERSION)
    .where(
      and(
        eq(helpArticles.categoryId, categoryId),
        eq(helpArticles.status, 'published'),
        sql`coalesce(${title}, '') <> ''`,
        after ? sql`(${helpArticles.position}, ${helpArticles.slug}) > (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(asc(helpArticles.position), asc(helpArticles.slug))
    .limit(pageSize + 1);
  const page = toPage(rows, pageSize, (r) => [r.position, r.slug]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({ slug: r.slug, title: r.title ?? '', description: r.description ?? '' })),
  };
}

type Rendered = { html: string; headings: Heading[] };
const RENDER_CACHE_MAX = 2000;
const renderCache = new Map<string, Rendered>();

/** Rendered once per article version and language; the oldest entry goes when the cache is full. */
function renderCached(key: string, body: string): Rendered {
  const hit = renderCache.get(key);
  if (hit) return hit;
  const rendered = renderMarkdown(body);
  if (renderCache.size >= RENDER_CACHE_MAX) renderCache.delete(renderCache.keys().next().value!);
  renderCache.set(key, rendered);
  return rendered;
}

/** Where an old address of a published article points now (its slug was changed), or null. */
export async function redirectedSlug(slug: string): Promise<string | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ slug: helpArticles.slug })
    .from(helpSlugRedirects)
    .innerJoin(helpArticles, eq(helpArticles.id, helpSlugRedirects.articleId))
    .where(and(eq(helpSlugRedirects.slug, slug), eq(helpArticles.status, 'published')));
  return row && row.slug !== slug ? row.slug : null;
}

/** A published article by slug, or null (unknown, draft or archived: the page answers 404). */
export async function getPublishedArticle(slug: string, locale: HelpLocale): Promise<HelpArticleDto | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ article: helpArticles, version: helpArticleVersions, category: helpCategories })
    .from(helpArticles)
    .innerJoin(helpArticleVersions, PUBLISHED_VERSION)
    .innerJoin(helpCategories, eq(helpCategories.id, helpArticles.categoryId))
    .where(and(eq(helpArticles.slug, slug), eq(helpArticles.status, 'published')));
  if (!row) return null;
  const own = localeFields(row.version, locale);
  const otherLocale = HELP_LOCALES.find((l) => l !== locale)!;
  const shown =
    own.title && own.body ? { locale, ...own } : { locale: otherLocale, ...localeFields(row.version, otherLocale) };
  if (!shown.title || !shown.body) return null;
  const rendered = renderCached(`${row.article.id}:${row.version.number}:${shown.locale}`, shown.body);
  return {
    id: row.article.id,
    slug: row.article.slug,
    version: row.version.number,
    category: { slug: row.category.slug, name: categoryName(row.category, locale) },
    locale: shown.locale,
    missingTranslation: shown.locale !== locale,
    title: shown.title,
    description: shown.description ?? '',
    html: rendered.html,
    headings: rendered.headings,
    publishedAt: row.version.publishedAt.toISOString(),
  };
}

export type RelatedArticle = { slug: string; title: string };

/**
 * Related articles: the author's picks first, then what the search engine finds for this
 * article's title, in the reader's language; at most five.
 */
export async function relatedArticles(
  article: HelpArticleDto,
  related: string[],
  locale: HelpLocale,
): Promise<RelatedArticle[]> {
  // Kept a few minutes per version: other articles being published may change the list, but not
  // so urgently that every page view should run a search for it.
  const key = `${article.id}:${article.version}:${locale}`;
  const cached = relatedCache.get(key);
  if (cached && cached.until > Date.now()) return cached.list;
  const list = await findRelated(article, related, locale);
  if (relatedCache.size >= RENDER_CACHE_MAX) relatedCache.delete(relatedCache.keys().next().value!);
  relatedCache.set(key, { list, until: Date.now() + RELATED_TTL_MS });
  return list;
}

const RELATED_TTL_MS = 5 * 60_000;
const relatedCache = new Map<string, { list: RelatedArticle[]; until: number }>();

async function findRelated(article: HelpArticleDto, related: string[], locale: HelpLocale): Promise<RelatedArticle[]> {
  const db = await getDb();
  const picked = related.length
    ? await db
        .select({ slug: helpArticles.slug, titleZh: helpArticleVersions.titleZh, titleEn: helpArticleVersions.titleEn })
        .from(helpArticles)
        .innerJoin(
          helpArticleVersions,
          and(
            eq(helpArticleVersions.articleId, helpArticles.id),
            eq(helpArticleVersions.number, helpArticles.publishedVersion),
          ),
        )
        .where(and(inArray(helpArticles.slug, related), eq(helpArticles.status, 'published')))
    : [];
  const out: RelatedArticle[] = [];
  for (const slug of related) {
    const p = picked.find((r) => r.slug === slug);
    const title = p && (locale === 'en' ? p.titleEn : p.titleZh);
    if (title) out.push({ slug, title });
  }
  if (out.length < RELATED_MAX) {
    // The title says what the article is about; its description adds context at a lower weight.
    const { hits } = await searchDocuments({
      query: article.title,
      context: article.description,
      source: 'article',
      locale,
      limit: 12,
      excludeArticleId: article.id,
    });
    const ids = hits.map((h) => h.articleId).filter((id): id is string => !!id);
    const rows = ids.length
      ? await db
          .select({ id: helpArticles.id, slug: helpArticles.slug, categorySlug: helpCategories.slug })
          .from(helpArticles)
          .innerJoin(helpCategories, eq(helpCategories.id, helpArticles.categoryId))
          .where(and(inArray(helpArticles.id, ids), eq(helpArticles.status, 'published')))
      : [];
    // An article sharing a word or two of the title is not related: only hits near the best one
    // count, and those in the article's own topic go first.
    const best = hits[0]?.rank ?? 0;
    const candidates = hits
      .filter((h) => h.rank >= best * RELATED_MIN_SHARE)
      .map((h) => ({ hit: h, row: rows.find((r) => r.id === h.articleId) }))
      .filter((c): c is { hit: (typeof hits)[number]; row: (typeof rows)[number] } => !!c.row)
      .map((c) => ({ ...c, score: c.hit.rank * (c.row.categorySlug === article.category.slug ? SAME_TOPIC_BOOST : 1) }))
      .sort((a, b) => b.score - a.score);
    for (const { hit, row } of candidates) {
      if (!out.some((o) => o.slug === row.slug) && out.length < RELATED_MAX)
        out.push({ slug: row.slug, title: hit.title });
    }
  }
  return out;
}

const RELATED_MAX = 5;
/** A found article counts as related from this share of the best hit's rank. */
const RELATED_MIN_SHARE = 0.35;
const SAME_TOPIC_BOOST = 1.5;

/** The hand-picked related slugs of an article (kept apart so the article DTO stays small). */
export async function relatedSlugsOf(articleId: string): Promise<string[]> {
  const db = await getDb();
  const [row] = await db
    .select({ related: helpArticles.related })
    .from(helpArticles)
    .where(eq(helpArticles.id, articleId));
  return row?.related ?? [];
}

/** Slugs of published articles by id, for turning search hits into links. */
export async function slugsByArticleId(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: helpArticles.id, slug: helpArticles.slug })
    .from(helpArticles)
    .where(and(inArray(helpArticles.id, ids), eq(helpArticles.status, 'published')));
  return new Map(rows.map((r) => [r.id, r.slug]));
}
