import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { users } from './identity';

/**
 * Durable background work: e-mail delivery, SLA scans, auto-close, upload sweeping. A job is
 * claimed with FOR UPDATE SKIP LOCKED, so any number of app instances can share the table; a
 * failed run is retried later with back-off until `maxAttempts`, then kept as failed for admins.
 * `dedupeKey` makes "enqueue once" (periodic scans, one e-mail per outbox row) a plain insert.
 * A claim is a lease (`lockedUntil`) renewed while the job runs, and `lockToken` names the claim:
 * every later write of the job's state is conditional on it, so a worker that lost its lease
 * cannot overwrite what the new owner decided (docs/decisions/0008).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    dedupeKey: text('dedupe_key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The current claim (fencing token); null while nobody holds the job. */
    lockToken: uuid('lock_token'),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`done_at is null and failed_at is null`),
  ],
);

/**
 * Every e-mail the system writes. With SMTP configured a job delivers it and marks it sent; without,
 * it stays here as 'stored' and admins read it at /admin/outbox. Either way the change that caused
 * it has already committed: mail never blocks or fails a business action.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** queued → sent, or stored (no SMTP), or failed after the last retry. */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * Who is sending a queued message right now, and until when: set by a conditional UPDATE just
     * before the SMTP send and renewed with the job's lease, so a second worker given the same job
     * never sends while the first one is sending (or after it sent). A claim whose time ran out
     * belongs to a worker that died, and may be taken over.
     */
    claimToken: uuid('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_outbox_created_idx').on(t.createdAt, t.id), index('email_outbox_case_idx').on(t.caseId)],
);

/** In-app notifications for staff: assigned, customer replied, SLA due soon, SLA breached. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'cascade' }),
    caseNo: text('case_no'),
    /** Makes "notify once" idempotent, e.g. one breach notice per case, clock and person. */
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`read_at is null`),
    uniqueIndex('notifications_dedupe_key').on(t.userId, t.dedupeKey),
    // Foreign-key lookups: deleting a case deletes its notifications.
    index('notifications_case_idx').on(t.caseId),
  ],
);

/** SLA targets in minutes per priority (business minutes when business hours are set). */
export const slaPolicies = pgTable('sla_policies', {
  priority: text('priority').primaryKey(),
  firstResponseMinutes: integer('first_response_minutes').notNull(),
  decisionMinutes: integer('decision_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The shop's working calendar, one row (id 1). `hours` holds [start, end] minutes after local
 * midnight per weekday (0 = Sunday) or null for closed; null `hours` means round the clock.
 */
export const businessCalendar = pgTable('business_calendar', {
  id: integer('id').primaryKey(),
  hours: jsonb('hours').$type<([number, number] | null)[] | null>(),
  holidays: text('holidays')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  extraWorkdays: text('extra_workdays')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  autoCloseDays: integer('auto_close_days').notNull().default(7),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Saved answers agents insert into a reply; `shared` ones are visible to every agent. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** The text in Chinese, the shop's own language. */
    body: text('body').notNull(),
    /** The same reply in English, inserted for customers who read English; null when not written. */
    bodyEn: text('body_en'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    shared: boolean('shared').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('canned_replies_title_idx').on(t.title)],
);
