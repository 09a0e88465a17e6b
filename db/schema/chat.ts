import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { attachments } from './attachments';
import { cases } from './cases';
import { teams, users } from './identity';
import { customers, orders } from './orders';

/**
 * Live chat (#14). A chat waits in its team's queue, is offered to one available member at a time
 * (the least loaded under their capacity), becomes active when accepted and ends; a chat nobody
 * accepted before the customer left is missed. Messages are the truth of a conversation: each has
 * a global, increasing id, which is also its event id on the live stream, so a client that
 * reconnects with Last-Event-ID reads exactly what it missed.
 */
export const CHAT_STATUSES = ['waiting', 'active', 'ended', 'missed'] as const;
export const chatStatusEnum = pgEnum('chat_status', CHAT_STATUSES);
export const CHAT_AUTHORS = ['customer', 'agent', 'system'] as const;
export const chatAuthorEnum = pgEnum('chat_author', CHAT_AUTHORS);

export const chats = pgTable(
  'chats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A signed-in customer's chat: their account, and their customer record when they have one. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** Who started it, as they gave it (visitors) or as the account says (customers). */
    visitorName: text('visitor_name').notNull(),
    visitorEmail: text('visitor_email').notNull(),
    /** sha256 of the visitor's chat token (the browser keeps the token in an httpOnly cookie). */
    visitorTokenHash: text('visitor_token_hash'),
    locale: text('locale').notNull().default('zh-CN'),
    /** The order the customer wants to talk about, if they chose one. */
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    status: chatStatusEnum('status').notNull().default('waiting'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** The member the waiting chat is offered to now, and since when (re-offered after a timeout). */
    offeredToId: uuid('offered_to_id').references(() => users.id, { onDelete: 'set null' }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    /** Members it was offered to and who let it pass, so the next offer goes to someone else. */
    passedBy: uuid('passed_by')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    firstAnswerAt: timestamp('first_answer_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The case this chat was turned into, or the offline message opened. */
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id, { onDelete: 'set null' }),
    /** Read state: the last message id each side has seen. */
    customerReadId: bigint('customer_read_id', { mode: 'number' }).notNull().default(0),
    agentReadId: bigint('agent_read_id', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The live queue: waiting chats oldest first, and the offers that have timed out.
    index('chats_waiting_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'waiting'`),
    // Each agent's load (active chats) and console list.
    index('chats_assignee_idx')
      .on(t.assigneeId, t.status)
      .where(sql`${t.assigneeId} is not null`),
    index('chats_user_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.userId} is not null`),
    index('chats_customer_idx')
      .on(t.customerId, t.createdAt)
      .where(sql`${t.customerId} is not null`),
    // Each agent's offered chat counts in their load.
    index('chats_offered_idx')
      .on(t.offeredToId)
      .where(sql`${t.status} = 'waiting'`),
    index('chats_order_idx')
      .on(t.orderId)
      .where(sql`${t.orderId} is not null`),
    index('chats_case_idx')
      .on(t.caseId)
      .where(sql`${t.caseId} is not null`),
    // Reports read by day.
    index('chats_created_idx').on(t.createdAt),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    author: chatAuthorEnum('author').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull().default(''),
    attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'set null' }),
    /** An agent's note to colleagues: never shown to the customer. */
    internal: boolean('internal').notNull().default(false),
    /** The sender's own id for the message, so a retried POST stores it once. */
    clientId: text('client_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('chat_messages_chat_idx').on(t.chatId, t.id),
    uniqueIndex('chat_messages_client_key')
      .on(t.chatId, t.clientId)
      .where(sql`${t.clientId} is not null`),
    check('chat_messages_body_len', sql`char_length(${t.body}) <= 5000`),
  ],
);

/**
 * Which team answers new chats; how many chats a member holds at once (per agent where set, else
 * their team's, else this default); how long a chat is offered to one member before the next.
 */
export const chatSettings = pgTable('chat_settings', {
  id: integer('id').primaryKey(),
  /** The team whose members answer new chats; null: every member of staff who answers chats. */
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  defaultCapacity: integer('default_capacity').notNull().default(3),
  offerSeconds: integer('offer_seconds').notNull().default(30),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const chatCapacities = pgTable(
  'chat_capacities',
  {
    /** Exactly one of team or user. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    capacity: integer('capacity').notNull(),
  },
  (t) => [
    check('chat_capacities_one_subject', sql`(${t.teamId} is null) <> (${t.userId} is null)`),
    check('chat_capacities_range', sql`${t.capacity} between 0 and 50`),
    uniqueIndex('chat_capacities_team_key')
      .on(t.teamId)
      .where(sql`${t.teamId} is not null`),
    uniqueIndex('chat_capacities_user_key')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
  ],
);
