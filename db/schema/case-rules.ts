import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PriorityConditions, RoutingConditions } from '@/lib/case-rules/conditions';
import { casePriorityEnum } from './cases';
import { teams } from './identity';

/**
 * The priority a new case starts with (#18): admins keep an ordered list of rules; the first
 * enabled one whose conditions all hold decides, else `case_rule_settings.default_priority`.
 * `conditions` is validated by PriorityConditions (lib/case-rules/conditions.ts) on every write.
 * The list is short (tens of rows) and read whole, once per case opened: no index but the key.
 */
export const priorityRules = pgTable(
  'priority_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    conditions: jsonb('conditions').$type<PriorityConditions>().notNull(),
    priority: casePriorityEnum('priority').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('priority_rules_conditions_object', sql`jsonb_typeof(${t.conditions}) = 'object'`)],
);

/**
 * Which team a new case goes to (#18): the first enabled rule whose conditions (case type, sales
 * channel, product category) all hold names the team; when none does, the first team by name
 * that handles the case type (teams.case_types), as before. A deleted team takes its rules along.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<RoutingConditions>().notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('routing_rules_conditions_object', sql`jsonb_typeof(${t.conditions}) = 'object'`),
    // Deleting a team deletes its rules: the cascade looks them up by team.
    index('routing_rules_team_idx').on(t.teamId),
  ],
);

/** One row (id 1): the priority of a case no rule matches. */
export const caseRuleSettings = pgTable('case_rule_settings', {
  id: integer('id').primaryKey().default(1),
  defaultPriority: casePriorityEnum('default_priority').notNull().default('normal'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
