import { bigint, boolean, char, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sales channels, managed by admins. `code` is what orders, imports, the API and reports carry
 * (`own_site`, `tmall` …); the names are for people. A retired channel is made inactive, never
 * deleted, because orders keep pointing at it.
 */
export const channels = pgTable('channels', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Product categories, managed by admins. Return policies are configured per category code
 * (`return_policies.category`), and reports group by it.
 */
export const productCategories = pgTable('product_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row (id 1): facts about the shop every money display, report and import reads. The currency
 * is ISO 4217; orders carry their own currency too, and one in another currency is refused, so no
 * sum ever mixes currencies.
 */
export const shopSettings = pgTable('shop_settings', {
  id: integer('id').primaryKey().default(1),
  currency: char('currency', { length: 3 }).notNull().default('CNY'),
  /** The shop's name as customers know it, on its public pages (surveys, help); empty until set. */
  name: text('name').notNull().default(''),
  /** A compensation above this amount (分) waits for someone with approve:compensation:any. */
  compensationApprovalCents: bigint('compensation_approval_cents', { mode: 'number' }).notNull().default(10000),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
