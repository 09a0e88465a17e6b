import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  primaryKey,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channels, productCategories } from './catalog';
import { ORDER_STATUSES } from '@/lib/orders/workflow';
import { users } from './identity';

/** Feeds the daily order number SO<yyyymmdd><n>; gaps are fine, uniqueness is what matters. */
export const orderNoSeq = pgSequence('order_no_seq', { startWith: 1 });

// One list of statuses: the lifecycle module's (the enum's order is the migrations').
export const orderStatusEnum = pgEnum('order_status', ORDER_STATUSES);

/**
 * The shop's customers, from every channel. A customer may or may not have a portal account
 * (`userId`); a portal user can own several customer records (one per channel identity) after
 * claiming their orders. Phone and address are encrypted; `phoneHash` allows exact lookup.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    /** Province / city / district in clear (for display and reports); the street line is encrypted. */
    region: text('region'),
    addressEnc: text('address_enc'),
    /** Staff labels ("VIP", "批发") for finding and recognising customers; lower-case, deduplicated. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_user_idx').on(t.userId),
    index('customers_phone_hash_idx').on(t.phoneHash),
    index('customers_email_idx').on(t.email),
    // Name search is by prefix ("王小"); text_pattern_ops lets LIKE 'x%' use the index in any collation.
    index('customers_name_prefix_idx').using('btree', sql`${t.name} text_pattern_ops`),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * A customer's id in a sales channel (the buyer id of Tmall, JD …): imports and the channel API
 * recognise a returning buyer by it when no phone or e-mail is given.
 */
export const customerExternalIds = pgTable(
  'customer_external_ids',
  {
    channel: text('channel')
      .notNull()
      .references(() => channels.code, { onUpdate: 'cascade' }),
    externalId: text('external_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.externalId] }),
    index('customer_external_ids_customer_idx').on(t.customerId),
  ],
);

/** Staff notes on a customer profile: who wrote what, when. Never shown to the customer. */
export const customerNotes = pgTable(
  'customer_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_notes_customer_idx').on(t.customerId, t.createdAt)],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sku: text('sku').notNull(),
    /** The product's name in Chinese (zh-CN), the shop's own language; always present. */
    name: text('name').notNull(),
    /** The English name; displays fall back to `name` when empty. */
    nameEn: text('name_en'),
    /** Product category code; return policies are configured per category. */
    category: text('category')
      .notNull()
      .references(() => productCategories.code, { onUpdate: 'cascade' }),
    priceCents: integer('price_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('CNY'),
    returnable: boolean('returnable').notNull().default(true),
    /** Why a product is excluded from 7-day no-reason return (custom_made, perishable, digital, periodical, confirmed). */
    nonReturnableReason: text('non_returnable_reason'),
    warrantyDays: integer('warranty_days').notNull().default(365),
    /** False once archived: no longer sold or importable, but kept because orders reference it. */
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_sku_key').on(t.sku),
    // The catalogue list: by category or status, SKU order (keyset on sku); name search by prefix.
    index('products_category_idx').on(t.category, t.sku),
    index('products_active_sku_idx').on(t.active, t.sku),
    // SKU prefix search (SKUs are stored upper-case): LIKE 'X%' needs text_pattern_ops outside the C locale.
    index('products_sku_prefix_idx').using('btree', sql`${t.sku} text_pattern_ops`),
    index('products_name_prefix_idx').using('btree', sql`lower(${t.name}) text_pattern_ops`),
    index('products_name_en_prefix_idx').using('btree', sql`lower(${t.nameEn}) text_pattern_ops`),
    check('products_price_nonnegative', sql`${t.priceCents} >= 0`),
    check('products_warranty_nonnegative', sql`${t.warrantyDays} >= 0`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderNo: text('order_no').notNull(),
    channel: text('channel')
      .notNull()
      .references(() => channels.code, { onUpdate: 'cascade' }),
    externalId: text('external_id'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    status: orderStatusEnum('status').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('CNY'),
    itemsTotalCents: bigint('items_total_cents', { mode: 'number' }).notNull(),
    shippingCents: bigint('shipping_cents', { mode: 'number' }).notNull().default(0),
    discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull().default(0),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    recipientName: text('recipient_name'),
    recipientPhoneEnc: text('recipient_phone_enc'),
    recipientPhoneHash: text('recipient_phone_hash'),
    recipientPhoneMasked: text('recipient_phone_masked'),
    shippingRegion: text('shipping_region'),
    shippingAddressEnc: text('shipping_address_enc'),
    notes: text('notes'),
    /** Brought in by a history import ("these orders already happened"): no survey is ever offered for it. */
    history: boolean('history').notNull().default(false),
    version: integer('version').notNull().default(1),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_order_no_key').on(t.orderNo),
    uniqueIndex('orders_channel_external_key')
      .on(t.channel, t.externalId)
      .where(sql`${t.externalId} is not null`),
    // One index per filter/sort the list offers (DESIGN §8); all partial on live rows. Ascending on
    // purpose: scanned backwards they serve ORDER BY … DESC, whereas a DESC NULLS LAST index would not.
    index('orders_placed_idx')
      .on(t.placedAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('orders_status_placed_idx')
      .on(t.status, t.placedAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('orders_channel_placed_idx')
      .on(t.channel, t.placedAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('orders_total_idx')
      .on(t.totalCents, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('orders_customer_placed_idx').on(t.customerId, t.placedAt, t.id),
    index('orders_external_idx')
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('orders_tracking_idx')
      .on(t.trackingNo)
      .where(sql`${t.trackingNo} is not null`),
    index('orders_phone_hash_idx')
      .on(t.recipientPhoneHash)
      .where(sql`${t.recipientPhoneHash} is not null`),
    index('orders_deleted_idx')
      .on(t.deletedAt, t.id)
      .where(sql`${t.deletedAt} is not null`),
    // The NPS offer job looks for orders delivered some days ago.
    index('orders_delivered_idx')
      .on(t.deliveredAt)
      .where(sql`${t.deliveredAt} is not null and ${t.deletedAt} is null`),
    check(
      'orders_amounts_nonnegative',
      sql`${t.itemsTotalCents} >= 0 and ${t.shippingCents} >= 0 and ${t.discountCents} >= 0 and ${t.totalCents} >= 0`,
    ),
    check('orders_refund_within_total', sql`${t.refundedCents} between 0 and ${t.totalCents}`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
    lineTotalCents: bigint('line_total_cents', { mode: 'number' }).notNull(),
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_sku_idx').on(t.sku, t.orderId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check(
      'order_items_refund_within',
      sql`${t.refundedQuantity} between 0 and ${t.quantity} and ${t.refundedCents} between 0 and ${t.lineTotalCents}`,
    ),
  ],
);

/** The order's timeline: every status change and notable edit, with who did it and a note. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    /** created, status_changed, edited, deleted, restored, claimed, imported … */
    kind: text('kind').notNull(),
    fromStatus: orderStatusEnum('from_status'),
    toStatus: orderStatusEnum('to_status'),
    note: text('note'),
    /** Whether the customer sees this entry in the portal timeline. */
    public: boolean('public').notNull().default(true),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/** An agent's named filter set for the order list. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_user_scope_name_key').on(t.userId, t.scope, t.name)],
);

/** One CSV import: its counts and the rows it rejected, for the downloadable report. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    totalRows: integer('total_rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** What was imported: orders, products, customers or reviews (lib/imports). */
    kind: text('kind').notNull().default('orders'),
    /** The importer's choices (history mode, create missing products …). */
    options: jsonb('options').$type<Record<string, boolean>>().notNull().default({}),
    /** Rejected rows: CSV line, the row's reference, the CSV column at fault and an error code. */
    report: jsonb('report')
      .$type<
        { line: number; externalId: string; field: string; code: string; params?: Record<string, string | number> }[]
      >()
      .notNull()
      .default([]),
  },
  // The imports page lists the latest jobs of the kinds a user may import.
  (t) => [
    index('import_jobs_user_idx').on(t.userId, t.createdAt),
    index('import_jobs_kind_created_idx').on(t.kind, t.createdAt),
  ],
);
