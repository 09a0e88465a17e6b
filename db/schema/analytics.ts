import { bigint, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Rollups for dashboards and statistics (docs/decisions/0007). Each table holds one row per shop
 * day and dimension combination, recomputed whole for a day whenever something on that day
 * changed: triggers on the source tables mark the hour as dirty in the writing transaction, and a
 * job (every minute) recomputes the dirty days. Reports then sum a few hundred rows per day instead
 * of scanning orders, cases or feedback.
 *
 * A row's `day` is the shop-calendar day of the event each measure counts: e.g. in
 * rollup_cases_daily `opened` counts cases created that day, `resolved` cases completed that day.
 */
export const rollupDirty = pgTable('rollup_dirty', {
  /** The hour (UTC, truncated) in which something changed. */
  at: timestamp('at', { withTimezone: true }).primaryKey(),
});

/** Feedback by day, kind, score (null for free feedback) and category: counts, distributions, CSAT %, NPS. */
export const rollupFeedbackDaily = pgTable(
  'rollup_feedback_daily',
  {
    day: date('day').notNull(),
    kind: text('kind').notNull(),
    score: smallint('score'),
    categoryId: uuid('category_id'),
    n: integer('n').notNull(),
  },
  (t) => [index('rollup_feedback_daily_day_idx').on(t.day)],
);

/** Feedback per product and day: volume, complaints, CSAT and NPS answers, product reviews. */
export const rollupFeedbackProductsDaily = pgTable(
  'rollup_feedback_products_daily',
  {
    day: date('day').notNull(),
    productId: uuid('product_id').notNull(),
    total: integer('total').notNull(),
    complaints: integer('complaints').notNull(),
    csatN: integer('csat_n').notNull(),
    csatGood: integer('csat_good').notNull(),
    npsN: integer('nps_n').notNull(),
    npsPromoters: integer('nps_promoters').notNull(),
    npsDetractors: integer('nps_detractors').notNull(),
    /** Product reviews (kind 'review', 1–5): count, sum of scores (for the average), 1–2 star ones. */
    reviews: integer('reviews').notNull().default(0),
    reviewScoreSum: integer('review_score_sum').notNull().default(0),
    reviewsLow: integer('reviews_low').notNull().default(0),
  },
  (t) => [index('rollup_feedback_products_daily_day_idx').on(t.day)],
);

/** CSAT per agent (the one who resolved the rated case) and day. */
export const rollupFeedbackAgentsDaily = pgTable(
  'rollup_feedback_agents_daily',
  {
    day: date('day').notNull(),
    agentId: uuid('agent_id').notNull(),
    csatN: integer('csat_n').notNull(),
    csatGood: integer('csat_good').notNull(),
  },
  (t) => [index('rollup_feedback_agents_daily_day_idx').on(t.day)],
);

/** How many comments of the day used each word (a word counts once per comment). */
export const rollupFeedbackWordsDaily = pgTable(
  'rollup_feedback_words_daily',
  {
    day: date('day').notNull(),
    word: text('word').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('rollup_feedback_words_daily_day_idx').on(t.day)],
);

/** Surveys offered per day and kind, for answer rates. */
export const rollupSurveysDaily = pgTable(
  'rollup_surveys_daily',
  {
    day: date('day').notNull(),
    kind: text('kind').notNull(),
    offered: integer('offered').notNull(),
  },
  (t) => [index('rollup_surveys_daily_day_idx').on(t.day)],
);

/** Orders by the day they were placed, channel and current status: volume, GMV and the funnel. */
export const rollupOrdersDaily = pgTable(
  'rollup_orders_daily',
  {
    day: date('day').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    orders: integer('orders').notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull(),
  },
  (t) => [index('rollup_orders_daily_day_idx').on(t.day)],
);

/** Orders delivered per day and channel: the base of the overall after-sales rate. */
export const rollupDeliveriesDaily = pgTable(
  'rollup_deliveries_daily',
  {
    day: date('day').notNull(),
    channel: text('channel').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [index('rollup_deliveries_daily_day_idx').on(t.day)],
);

/**
 * Per product and channel: ordered (orders placed that day containing it, units, revenue) and
 * delivered (orders delivered that day containing it) — the base of after-sales rates by product
 * and category.
 */
export const rollupProductsDaily = pgTable(
  'rollup_products_daily',
  {
    day: date('day').notNull(),
    channel: text('channel').notNull(),
    productId: uuid('product_id').notNull(),
    category: text('category').notNull(),
    ordersPlaced: integer('orders_placed').notNull(),
    units: integer('units').notNull(),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
    ordersDelivered: integer('orders_delivered').notNull(),
  },
  (t) => [index('rollup_products_daily_day_idx').on(t.day)],
);

/**
 * Per product category and channel, counting each order once: the category filter of order reports.
 * `orders_placed` and `revenue_cents` count sold orders only (paid, not cancelled or closed).
 */
export const rollupCategoriesDaily = pgTable(
  'rollup_categories_daily',
  {
    day: date('day').notNull(),
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    ordersPlaced: integer('orders_placed').notNull(),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
    ordersDelivered: integer('orders_delivered').notNull(),
  },
  (t) => [index('rollup_categories_daily_day_idx').on(t.day)],
);

/** What the case rollups count, shared by the fine table and its per-channel summary. */
const caseMeasures = () => ({
  opened: integer('opened').notNull(),
  refundCents: bigint('refund_cents', { mode: 'number' }).notNull(),
  compensationCents: bigint('compensation_cents', { mode: 'number' }).notNull(),
  freightCents: bigint('freight_cents', { mode: 'number' }).notNull(),
  finished: integer('finished').notNull(),
  resolved: integer('resolved').notNull(),
  resolutionMinutes: bigint('resolution_minutes', { mode: 'number' }).notNull(),
  resolutionMet: integer('resolution_met').notNull(),
  firstResponses: integer('first_responses').notNull(),
  firstResponseMinutes: bigint('first_response_minutes', { mode: 'number' }).notNull(),
  firstResponseMet: integer('first_response_met').notNull(),
  decisions: integer('decisions').notNull(),
  decisionMet: integer('decision_met').notNull(),
  /** Of the cases created this day, how many are still open now: the backlog's age. */
  stillOpen: integer('still_open').notNull().default(0),
});

/**
 * After-sales cases by type, reason, order channel, main product (first item) and team. Each
 * measure counts on the day its event happened: opened and costs on creation; first response,
 * decision and resolution (with the SLA met or missed) when they happened; `finished` (resolved or
 * cancelled) for the backlog.
 */
export const rollupCasesDaily = pgTable(
  'rollup_cases_daily',
  {
    day: date('day').notNull(),
    type: text('type').notNull(),
    reason: text('reason').notNull(),
    channel: text('channel').notNull(),
    productId: uuid('product_id'),
    category: text('category').notNull(),
    teamId: uuid('team_id'),
    ...caseMeasures(),
  },
  (t) => [index('rollup_cases_daily_day_idx').on(t.day)],
);

/** Per agent (the assignee): cases resolved, how long they took, first responses. */
export const rollupAgentsDaily = pgTable(
  'rollup_agents_daily',
  {
    day: date('day').notNull(),
    agentId: uuid('agent_id').notNull(),
    resolved: integer('resolved').notNull(),
    resolutionMinutes: bigint('resolution_minutes', { mode: 'number' }).notNull(),
    firstResponses: integer('first_responses').notNull(),
  },
  (t) => [index('rollup_agents_daily_day_idx').on(t.day)],
);

/**
 * rollup_cases_daily summed per report slice: all cases ('*'), one channel ('channel:tmall'), one
 * category ('category:…') or one team ('team:<uuid>'). The after-sales totals, daily series, backlog
 * and backlog age whenever at most one filter is set: a few rows per day instead of hundreds
 * (docs/decisions/0007). Derived from rollup_cases_daily in the same recompute.
 */
export const rollupCasesSliceDaily = pgTable(
  'rollup_cases_slice_daily',
  {
    day: date('day').notNull(),
    slice: text('slice').notNull(),
    ...caseMeasures(),
  },
  (t) => [index('rollup_cases_slice_daily_slice_day_idx').on(t.slice, t.day)],
);

/**
 * Cases opened and their cost by one breakdown at a time ('type', 'reason', 'category', or
 * 'product' with its reason), per report slice as above: the breakdowns under at most one filter.
 */
export const rollupCaseMixSliceDaily = pgTable(
  'rollup_case_mix_slice_daily',
  {
    day: date('day').notNull(),
    slice: text('slice').notNull(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    reason: text('reason').notNull(),
    opened: integer('opened').notNull(),
    costCents: bigint('cost_cents', { mode: 'number' }).notNull(),
  },
  (t) => [index('rollup_case_mix_slice_daily_idx').on(t.slice, t.dim, t.day)],
);
