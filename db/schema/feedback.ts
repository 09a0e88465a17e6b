import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { users } from './identity';
import { customers, orders, products } from './orders';

/** `review` is a product review or rating (1–5) brought from a sales channel by the reviews import. */
export const FEEDBACK_KINDS = ['csat', 'nps', 'suggestion', 'complaint', 'praise', 'other', 'review'] as const;
export const FEEDBACK_STATUSES = ['new', 'reviewed', 'actioned'] as const;

export const feedbackKindEnum = pgEnum('feedback_kind', FEEDBACK_KINDS);
export const feedbackStatusEnum = pgEnum('feedback_status', FEEDBACK_STATUSES);
export const surveyKindEnum = pgEnum('survey_kind', ['csat', 'nps']);

/** Admin-managed classification, named in both languages. */
export const feedbackCategories = pgTable('feedback_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const feedbackTags = pgTable('feedback_tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * First classification of a comment: the first rule (by position) with a category that has a
 * keyword in the text sets the category; every matching rule adds its tag. Keywords may be
 * Chinese or English; matching ignores case.
 */
export const feedbackRules = pgTable('feedback_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  keywords: text('keywords').array().notNull(),
  categoryId: uuid('category_id').references(() => feedbackCategories.id, { onDelete: 'cascade' }),
  tagId: uuid('tag_id').references(() => feedbackTags.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row (id 1): when surveys are offered and how long their links work. */
export const feedbackSettings = pgTable('feedback_settings', {
  id: integer('id').primaryKey().default(1),
  csatEnabled: boolean('csat_enabled').notNull().default(true),
  npsEnabled: boolean('nps_enabled').notNull().default(true),
  /** NPS is offered this many days after delivery. */
  npsDelayDays: integer('nps_delay_days').notNull().default(7),
  /** Survey links (and the portal's offer) expire after this many days. */
  surveyValidDays: integer('survey_valid_days').notNull().default(14),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A survey offered to a customer: CSAT once per case (when it is resolved), NPS once per order
 * (some days after delivery). `answeredAt` makes it single-use; the answer is a feedback row.
 * Offered and answered counts give the answer rate.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: surveyKindEnum('kind').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id, { onDelete: 'set null' }),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'set null' }),
    /** For CSAT: the agent who resolved the case, so the score counts towards their CSAT. */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('surveys_csat_case_key')
      .on(t.caseId)
      .where(sql`${t.kind} = 'csat'`),
    uniqueIndex('surveys_nps_order_key')
      .on(t.orderId)
      .where(sql`${t.kind} = 'nps'`),
    index('surveys_kind_offered_idx').on(t.kind, t.offeredAt),
    // Rollups recompute a day's offers by time alone.
    index('surveys_offered_idx').on(t.offeredAt),
    index('surveys_customer_open_idx')
      .on(t.customerId, t.expiresAt)
      .where(sql`${t.answeredAt} is null`),
    // Foreign-key lookups: deleting (purging) an order or case sets its surveys' ids to null, and
    // merging or deleting a customer moves theirs; the partial unique indexes above cannot serve a
    // plain `order_id = $1`, so without these every such delete scanned the whole table.
    index('surveys_order_idx').on(t.orderId),
    index('surveys_case_idx').on(t.caseId),
    index('surveys_customer_idx').on(t.customerId),
  ],
);

/**
 * Everything customers tell us: survey answers (CSAT 1–5, NPS 0–10, with a comment) and free
 * feedback from the portal. Classified (category, tags) by rules then by agents, worked through
 * new → reviewed → actioned by an owner, and linked to a follow-up case when one was opened.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: feedbackKindEnum('kind').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The signed-in author; null when answered through an e-mailed link. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    surveyId: uuid('survey_id').references(() => surveys.id),
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id, { onDelete: 'set null' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    /** The case a CSAT answer rates. */
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'set null' }),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    score: smallint('score'),
    comment: text('comment').notNull().default(''),
    /** The comment's words (segmented once, when written) for "most frequent words". */
    words: text('words')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    categoryId: uuid('category_id').references(() => feedbackCategories.id, { onDelete: 'set null' }),
    /** 'rule' after the keyword rules, 'staff' once an agent classified it. */
    classifiedBy: text('classified_by'),
    status: feedbackStatusEnum('status').notNull().default('new'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** The after-sales case opened from this feedback (the case links back through this column). */
    followUpCaseId: bigint('follow_up_case_id', { mode: 'number' }).references(() => cases.id, {
      onDelete: 'set null',
    }),
    /** A follow-up without a case: the owner gets back to the customer by then. */
    followUpDueAt: timestamp('follow_up_due_at', { withTimezone: true }),
    followUpNote: text('follow_up_note'),
    /** Where an imported review came from (`<channel>:<review id>` or a digest of the row): imports skip it the second time. */
    externalRef: text('external_ref'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // kind::text: the 'review' value was added to the enum in the same migration run (0020).
    check(
      'feedback_score_range',
      sql`${t.score} is null or (${t.kind}::text in ('csat', 'review') and ${t.score} between 1 and 5) or (${t.kind}::text = 'nps' and ${t.score} between 0 and 10)`,
    ),
    uniqueIndex('feedback_external_ref_key')
      .on(t.externalRef)
      .where(sql`${t.externalRef} is not null`),
    uniqueIndex('feedback_survey_key').on(t.surveyId),
    // One index per inbox filter, each ending in (created_at, id) for newest-first keyset pages
    // and period ranges.
    index('feedback_created_idx').on(t.createdAt, t.id),
    index('feedback_kind_created_idx').on(t.kind, t.createdAt, t.id),
    index('feedback_status_created_idx').on(t.status, t.createdAt, t.id),
    index('feedback_category_created_idx').on(t.categoryId, t.createdAt, t.id),
    index('feedback_product_created_idx').on(t.productId, t.createdAt, t.id),
    index('feedback_owner_created_idx').on(t.ownerId, t.createdAt, t.id),
    index('feedback_customer_created_idx').on(t.customerId, t.createdAt, t.id),
    index('feedback_agent_created_idx')
      .on(t.agentId, t.createdAt)
      .where(sql`${t.kind} = 'csat'`),
    index('feedback_case_idx').on(t.caseId),
    // Foreign-key lookups: purging an order sets its feedback's order_id to null.
    index('feedback_order_idx').on(t.orderId),
    index('feedback_follow_up_case_idx').on(t.followUpCaseId),
  ],
);

export const feedbackTagLinks = pgTable(
  'feedback_tag_links',
  {
    feedbackId: bigint('feedback_id', { mode: 'number' })
      .notNull()
      .references(() => feedback.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => feedbackTags.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.feedbackId, t.tagId] }),
    index('feedback_tag_links_tag_idx').on(t.tagId, t.feedbackId),
  ],
);
