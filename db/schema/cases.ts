import { sql } from 'drizzle-orm';
import { PRIORITIES } from '@/lib/cases/priority';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CASE_STATUSES, CASE_TYPES } from '@/lib/cases/workflow';
import { teams, users } from './identity';
import { customers, orderItems, orders } from './orders';

/** Feeds case numbers AS-<yyyymmdd>-<n>. */
export const caseNoSeq = pgSequence('case_no_seq', { startWith: 1 });

export const caseTypeEnum = pgEnum('case_type', CASE_TYPES);
export const caseStatusEnum = pgEnum('case_status', CASE_STATUSES);
export const casePriorityEnum = pgEnum('case_priority', PRIORITIES);
export const caseChannelEnum = pgEnum('case_channel', ['portal', 'desk', 'api']);
/** Who bears the cost of sending goods back: only the shop's share is an after-sales cost. */
export const freightPayerEnum = pgEnum('freight_payer', ['shop', 'customer']);
export const compensationMethodEnum = pgEnum('compensation_method', ['coupon', 'cash', 'points']);
export const compensationStatusEnum = pgEnum('compensation_status', ['pending_approval', 'approved', 'rejected']);

export const cases = pgTable(
  'cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseNo: text('case_no').notNull(),
    // RESTRICT: an order with after-sales cases can never be purged.
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    type: caseTypeEnum('type').notNull(),
    reason: text('reason').notNull(),
    description: text('description').notNull(),
    status: caseStatusEnum('status').notNull(),
    priority: casePriorityEnum('priority').notNull().default('normal'),
    category: text('category'),
    channel: caseChannelEnum('channel').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** What the return-policy engine answered when the case was opened, and any recorded override. */
    policyCode: text('policy_code').notNull(),
    /** The date in the policy answer ("possible until …"), shop calendar. */
    policyUntil: text('policy_until'),
    policyOverrideReason: text('policy_override_reason'),
    appealUsed: boolean('appeal_used').notNull().default(false),
    escalated: boolean('escalated').notNull().default(false),
    currency: char('currency', { length: 3 }).notNull().default('CNY'),
    refundCents: bigint('refund_cents', { mode: 'number' }).notNull().default(0),
    /** The sum of the case's approved compensations (case_compensations), kept by the verbs that decide them. */
    compensationCents: bigint('compensation_cents', { mode: 'number' }).notNull().default(0),
    /** The return postage recorded by an agent; a cost of the shop only when returnFreightPayer is 'shop'. */
    returnFreightCents: bigint('return_freight_cents', { mode: 'number' }).notNull().default(0),
    returnFreightPayer: freightPayerEnum('return_freight_payer'),
    refundMethod: text('refund_method'),
    returnCarrier: text('return_carrier'),
    returnTrackingNo: text('return_tracking_no'),
    /** How the replacement (exchange, reissue) went out: recorded when it ships, correctable after. */
    replacementCarrier: text('replacement_carrier'),
    replacementTrackingNo: text('replacement_tracking_no'),
    replacementShippedAt: timestamp('replacement_shipped_at', { withTimezone: true }),
    resolution: text('resolution'),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    decisionDueAt: timestamp('decision_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    /** Legal duty: refund within 7 days of receiving the returned goods. */
    refundDueAt: timestamp('refund_due_at', { withTimezone: true }),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The deadline (next_due_at) the SLA scan last warned about as due soon, and as breached: each once. */
    slaWarnedDueAt: timestamp('sla_warned_due_at', { withTimezone: true }),
    slaAlertedDueAt: timestamp('sla_alerted_due_at', { withTimezone: true }),
    /** Set while the case waits on the customer: SLA clocks do not run. */
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    /**
     * The deadline that matters now: the earliest clock still running. Kept by PostgreSQL itself
     * (a stored generated column), so "due soon" and "breached" queues are index range scans.
     */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }).generatedAlwaysAs(
      sql`least(
        case when first_responded_at is null then first_response_due_at end,
        case when decided_at is null then decision_due_at end,
        case when status in ('received', 'inspected', 'needs_action', 'refunding') then refund_due_at end,
        case when completed_at is null then resolution_due_at end)`,
    ),
    /**
     * Report dimensions copied onto the case so filtered reports need no joins: the order's sales
     * channel, and the main product (first item) with its category. Kept by triggers (migration
     * 0015) whatever writes the case, its items, the order or the product.
     */
    orderChannel: text('order_channel'),
    mainProductId: uuid('main_product_id'),
    mainCategory: text('main_category').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_case_no_key').on(t.caseNo),
    index('cases_order_idx').on(t.orderId),
    index('cases_customer_idx').on(t.customerId, t.createdAt, t.id),
    // Queues list open cases newest first: each queue has a partial index in that order, so a page
    // reads 26 index entries however many cases there are. The predicate is written out literally
    // in lib/cases/queries.ts (OPEN) so the planner can match it.
    index('cases_open_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    index('cases_open_assignee_idx')
      .on(t.assigneeId, t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    index('cases_open_team_idx')
      .on(t.teamId, t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    index('cases_open_unassigned_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'cancelled') and ${t.assigneeId} is null`),
    index('cases_status_idx').on(t.status, t.createdAt, t.id),
    index('cases_open_next_due_idx')
      .on(t.nextDueAt)
      .where(sql`${t.status} not in ('closed', 'cancelled') and ${t.pausedSince} is null`),
    index('cases_open_due_idx')
      .on(t.resolutionDueAt)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    // Rollups recompute a day's cases by each event time (docs/decisions/0007).
    // With the customer and the report dimensions: the index-only scan behind "customers with
    // repeated cases" under any filter.
    index('cases_created_dims_idx').on(t.createdAt, t.customerId, t.orderChannel, t.mainCategory, t.teamId),
    index('cases_first_responded_idx').on(t.firstRespondedAt),
    index('cases_decided_idx').on(t.decidedAt),
    index('cases_completed_at_idx').on(t.completedAt),
    index('cases_closed_at_idx').on(t.closedAt),
    // Auto-close: completed cases by completion time.
    index('cases_completed_idx')
      .on(t.completedAt)
      .where(sql`${t.status} in ('refunded', 'delivered', 'repaired_shipped', 'resolved', 'rejected')`),
  ],
);

/** The order lines a case concerns, with quantities and what was refunded for each. */
export const caseItems = pgTable(
  'case_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    orderItemId: bigint('order_item_id', { mode: 'number' })
      .notNull()
      .references(() => orderItems.id),
    quantity: integer('quantity').notNull(),
    refundCents: bigint('refund_cents', { mode: 'number' }).notNull().default(0),
    /** Price protection: the lower unit price the customer saw (分); the difference is what they ask back. */
    claimedUnitCents: bigint('claimed_unit_cents', { mode: 'number' }),
  },
  (t) => [index('case_items_case_idx').on(t.caseId), index('case_items_order_item_idx').on(t.orderItemId)],
);

export const caseMessages = pgTable(
  'case_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    authorKind: text('author_kind').notNull(),
    body: text('body').notNull(),
    /** Internal notes are never shown to the customer. */
    internal: boolean('internal').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_messages_case_idx').on(t.caseId, t.createdAt)],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    kind: text('kind').notNull(),
    fromStatus: caseStatusEnum('from_status'),
    toStatus: caseStatusEnum('to_status'),
    note: text('note'),
    public: boolean('public').notNull().default(true),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** Return rules per product category; categories without a row use the statutory defaults. */
export const returnPolicies = pgTable('return_policies', {
  category: text('category').primaryKey(),
  noReasonDays: integer('no_reason_days').notNull(),
  qualityReturnDays: integer('quality_return_days').notNull(),
  qualityExchangeDays: integer('quality_exchange_days').notNull(),
  allowedTypes: caseTypeEnum('allowed_types').array().notNull(),
  /** 价保: a price drop within this many days of purchase is refunded. */
  priceProtectionDays: integer('price_protection_days').notNull().default(7),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Money or value given to a customer on a case (coupon, cash, points), beyond any refund. One above
 * the shop's approval threshold waits for someone allowed to approve it; only approved ones count
 * in cases.compensation_cents and so in the reports.
 */
export const caseCompensations = pgTable(
  'case_compensations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    method: compensationMethodEnum('method').notNull(),
    reason: text('reason').notNull(),
    status: compensationStatusEnum('status').notNull(),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    recordedByLabel: text('recorded_by_label').notNull(),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_compensations_case_idx').on(t.caseId, t.createdAt),
    index('case_compensations_recorded_by_idx').on(t.recordedById),
    index('case_compensations_decided_by_idx').on(t.decidedById),
    check('case_compensations_amount_positive', sql`${t.amountCents} > 0`),
  ],
);
