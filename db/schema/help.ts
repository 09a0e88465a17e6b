import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { users } from './identity';
import { customers, orders } from './orders';

/** A tsvector column: written by SQL expressions (to_tsvector) at index time, read by @@. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const HELP_ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export const helpArticleStatusEnum = pgEnum('help_article_status', HELP_ARTICLE_STATUSES);

/** Why an article did not help ("what was missing"). */
export const HELP_MISSING_REASONS = ['not_answered', 'unclear', 'outdated', 'too_long', 'other'] as const;
export const helpMissingReasonEnum = pgEnum('help_missing_reason', HELP_MISSING_REASONS);

export const helpCategories = pgTable('help_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An article's working copy (what authors edit) in both languages; a null title means "no
 * translation in this language". The public site never reads these columns: it reads the
 * published version (`help_article_versions`), so editing a live article changes nothing for
 * readers until it is published again.
 */
export const helpArticles = pgTable(
  'help_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => helpCategories.id),
    status: helpArticleStatusEnum('status').notNull().default('draft'),
    position: integer('position').notNull().default(0),
    /** Slugs of hand-picked related articles (shown before the ones search finds). */
    related: text('related')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    titleZh: text('title_zh'),
    descriptionZh: text('description_zh'),
    bodyZh: text('body_zh'),
    titleEn: text('title_en'),
    descriptionEn: text('description_en'),
    bodyEn: text('body_en'),
    /** Number of the version readers see; null until first published. */
    publishedVersion: integer('published_version'),
    /** The working copy differs from the published version. */
    unpublishedChanges: boolean('unpublished_changes').notNull().default(true),
    /** Optimistic concurrency: two authors saving at once do not overwrite each other. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('help_articles_slug_idx').on(t.slug),
    index('help_articles_category_idx').on(t.categoryId, t.status, t.position),
    index('help_articles_updated_idx').on(t.updatedAt, t.id),
  ],
);

/**
 * The lexicon: every Latin word, number and code (3+ characters) the index holds, per scope. A
 * typo ("refnud") or a mistyped SKU is compared with these short strings (a mistyped code with the
 * codes only), then searched as the words found, instead of with the text of every document. A
 * trigram index does not help here: the short words' trigrams are too common to narrow anything.
 * Words whose documents are gone stay (they find nothing); the table only grows with new words.
 */
export const helpSearchTerms = pgTable(
  'help_search_terms',
  {
    scope: text('scope').notNull(),
    term: text('term').notNull(),
    /** A part number or SKU (letters and digits): a mistyped code is looked up among these only. */
    code: boolean('code').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.term] }),
    index('help_search_terms_code_idx')
      .on(t.scope)
      .where(sql`${t.code}`),
  ],
);

/**
 * Addresses an article had before its slug was changed: /help/<old> answers with a permanent
 * redirect to the article's address now, so links in old e-mails, chats and search engines keep
 * working. An article taking a slug (its own old one, or a new article's) removes the redirect.
 */
export const helpSlugRedirects = pgTable('help_slug_redirects', {
  slug: text('slug').primaryKey(),
  articleId: uuid('article_id')
    .notNull()
    .references(() => helpArticles.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every publish is kept: who, when, and exactly what readers saw, for history and diffs. */
export const helpArticleVersions = pgTable(
  'help_article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    titleZh: text('title_zh'),
    descriptionZh: text('description_zh'),
    bodyZh: text('body_zh'),
    titleEn: text('title_en'),
    descriptionEn: text('description_en'),
    bodyEn: text('body_en'),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.number] })],
);

/** Images in articles: public once linked to an article, served by /help/images/<id>. */
export const helpImages = pgTable(
  'help_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('help_images_article_idx').on(t.articleId)],
);

/**
 * The search index: one row per published article and language, and one per guide section and
 * language. Chinese has no spaces, so `segmented` holds the text cut into words by jieba in Node
 * (lib/help/segment.ts); `simple_tsv` is built from it and `english_tsv` from the original, both
 * weighted title (A) > headings (B) > body (C). `trigram_text` (title, headings and codes such as
 * SKUs) catches typos and part-numbers through pg_trgm when the words find nothing.
 */
export const helpSearchDocuments = pgTable(
  'help_search_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'article' (public help center) or 'guide:desk' / 'guide:admin' (staff guide). */
    source: text('source').notNull(),
    articleId: uuid('article_id').references(() => helpArticles.id, { onDelete: 'cascade' }),
    /** The guide section's heading id (the link target), null for articles. */
    sectionId: text('section_id'),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    /** Plain text for snippets. */
    body: text('body').notNull(),
    simpleTsv: tsvector('simple_tsv').notNull(),
    englishTsv: tsvector('english_tsv').notNull(),
    trigramText: text('trigram_text').notNull(),
    /** Fingerprint of the indexed text: guide files are re-indexed only when they change. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [
    index('help_search_simple_idx').using('gin', t.simpleTsv),
    index('help_search_english_idx').using('gin', t.englishTsv),
    index('help_search_trigram_idx').using('gin', sql`${t.trigramText} gin_trgm_ops`),
    index('help_search_source_idx').on(t.source, t.locale),
    uniqueIndex('help_search_article_idx')
      .on(t.articleId, t.locale)
      .where(sql`article_id is not null`),
  ],
);

/**
 * The search index inverted: one row per (document, word) with the word's weight in that
 * document (title > headings > body, saturating with repeats), derived in SQL from the document's
 * tsvectors. A query reads the best few hundred documents of each of its words from the
 * (scope, term, score) index instead of ranking every document that contains a common word —
 * with 10,000 articles, 退货 is in most of them (measured: 1.3 s to ts_rank them all).
 * English stems are stored as `e:<stem>` beside the segmented words.
 */
export const helpSearchPostings = pgTable(
  'help_search_postings',
  {
    /** `<source>:<locale>`, e.g. `article:zh-CN`. */
    scope: text('scope').notNull(),
    term: text('term').notNull(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => helpSearchDocuments.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
  },
  (t) => [
    index('help_postings_term_idx').on(t.scope, t.term, t.score.desc(), t.documentId),
    index('help_postings_document_idx').on(t.documentId),
  ],
);

/** "Was this helpful?" One row per answer; counted per article. */
export const helpArticleFeedback = pgTable(
  'help_article_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number'),
    locale: text('locale').notNull(),
    helpful: boolean('helpful').notNull(),
    missingReason: helpMissingReasonEnum('missing_reason'),
    comment: text('comment'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('help_feedback_article_idx').on(t.articleId, t.createdAt)],
);

/** Each search typed into the help center, the guide or the request form's suggestions. */
export const helpSearches = pgTable(
  'help_searches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'help' | 'guide' | 'request' (suggestions while typing a request). */
    surface: text('surface').notNull(),
    locale: text('locale').notNull(),
    query: text('query').notNull(),
    results: integer('results').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_searches_created_idx').on(t.createdAt),
    index('help_searches_no_result_idx')
      .on(t.createdAt)
      .where(sql`results = 0`),
  ],
);

/**
 * An article read. Recorded by a beacon after the page loads (the page itself stays a cached,
 * read-only render). For signed-in customers, deflection = a view with no case opened by the same
 * customer within 24 hours.
 */
export const helpArticleViews = pgTable(
  'help_article_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** Where the reader came from: 'help' (the help center) or 'request' (a suggestion on the request form). */
    surface: text('surface').notNull().default('help'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_views_created_idx').on(t.createdAt),
    index('help_views_article_idx').on(t.articleId, t.createdAt),
    index('help_views_customer_idx')
      .on(t.customerId, t.createdAt)
      .where(sql`customer_id is not null`),
  ],
);

/**
 * Suggestions shown while a customer wrote a request on /portal/cases/new: which articles, which
 * one they opened, and whether they still submitted the request (deflection when they did not).
 */
export const helpSuggestionSessions = pgTable(
  'help_suggestion_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id, { onDelete: 'set null' }),
    articleIds: uuid('article_ids').array().notNull(),
    openedArticleId: uuid('opened_article_id'),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_suggestions_created_idx').on(t.createdAt),
    index('help_suggestions_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/** One day of help-center counts, kept up to date as events happen (reports read this). */
export const helpDaily = pgTable(
  'help_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    searches: integer('searches').notNull().default(0),
    noResultSearches: integer('no_result_searches').notNull().default(0),
    views: integer('views').notNull().default(0),
    helpfulYes: integer('helpful_yes').notNull().default(0),
    helpfulNo: integer('helpful_no').notNull().default(0),
    suggestionsShown: integer('suggestions_shown').notNull().default(0),
    suggestionsSubmitted: integer('suggestions_submitted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day] })],
);
