import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { caseRuleSettings, channels, priorityRules, productCategories, routingRules, teams } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { RuleConditions } from './conditions';
import { planMove } from './evaluate';
import {
  CreatePriorityRuleInput,
  CreateRoutingRuleInput,
  DefaultPriorityInput,
  DeleteRuleInput,
  MoveRuleInput,
  SetRuleEnabledInput,
  UpdatePriorityRuleInput,
  UpdateRoutingRuleInput,
} from './schemas';

/**
 * Admins keep the priority and routing rules (#18). Every verb: permission first, then input,
 * then one transaction holding the change, its optimistic version check and its audit event.
 * Rules are read inside each case-opening transaction (lib/case-rules/load.ts), so a saved change
 * applies to the next case on every app instance without any cache.
 */

const MANAGE = 'manage:caserule:any' as const;
/** A list longer than this is a mistake (or a script gone wrong), and every case open reads it whole. */
export const MAX_RULES = 200;

/**
 * The two rule tables share id, position, enabled, version and updated_at, which is all the
 * shared verbs below touch; `table` is typed as the priority table for Drizzle's sake.
 */
type RuleKind = { table: typeof priorityRules; entityType: 'priority_rule' | 'routing_rule' };
const PRIORITY: RuleKind = { table: priorityRules, entityType: 'priority_rule' };
const ROUTING: RuleKind = { table: routingRules as unknown as typeof priorityRules, entityType: 'routing_rule' };

/** Channel and category codes in the conditions must name records (retired ones included). */
async function checkCodes(tx: Tx, c: RuleConditions): Promise<void> {
  const errors: Record<string, string[]> = {};
  if (c.channels) {
    const known = await tx.select({ code: channels.code }).from(channels).where(inArray(channels.code, c.channels));
    if (known.length !== c.channels.length) errors['conditions.channels'] = ['unknown_channel'];
  }
  if (c.categories) {
    const known = await tx
      .select({ code: productCategories.code })
      .from(productCategories)
      .where(inArray(productCategories.code, c.categories));
    if (known.length !== c.categories.length) errors['conditions.categories'] = ['unknown_category_code'];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

async function checkTeam(tx: Tx, teamId: string): Promise<string> {
  const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new ValidationError({ teamId: ['unknown_team'] });
  return team.name;
}

/** Where a new rule goes: last, in steps of 10. Refuses past MAX_RULES. */
async function nextPosition(tx: Tx, kind: RuleKind): Promise<number> {
  const t = kind.table;
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int`, next: sql<number>`coalesce(max(${t.position}), 0) + 10` })
    .from(t);
  if (Number(r?.n ?? 0) >= MAX_RULES) throw new ValidationError({ _form: ['too_many_rules'] });
  return Number(r?.next ?? 10);
}

/** Locks one rule and checks the version the admin saw. */
async function lockRule(tx: Tx, kind: RuleKind, id: string, version: number) {
  const t = kind.table;
  const [row] = await tx.select().from(t).where(eq(t.id, id)).for('update');
  if (!row) throw new NotFoundError(kind.entityType);
  expectVersion(row.version, version);
  return row;
}

const auditedPriority = (r: {
  nameZh: string;
  nameEn: string;
  priority: string;
  enabled: boolean;
  position: number;
  conditions: unknown;
}) => ({
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  priority: r.priority,
  enabled: r.enabled,
  position: r.position,
  conditions: r.conditions,
});

// ——— Priority rules ———

export async function createPriorityRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(CreatePriorityRuleInput, input);
  return transaction(async (tx) => {
    await checkCodes(tx, data.conditions);
    const position = await nextPosition(tx, PRIORITY);
    const [row] = await tx
      .insert(priorityRules)
      .values({ ...data, position })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'priority_rule.create',
      entityType: 'priority_rule',
      entityId: row!.id,
      after: auditedPriority(row!),
    });
    return { id: row!.id };
  });
}

/** Replaces a rule's names, priority and conditions; applies to cases opened afterwards. */
export async function updatePriorityRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(UpdatePriorityRuleInput, input);
  return transaction(async (tx) => {
    const before = await lockRule(tx, PRIORITY, data.id, data.version);
    await checkCodes(tx, data.conditions);
    const [after] = await tx
      .update(priorityRules)
      .set({
        nameZh: data.nameZh,
        nameEn: data.nameEn,
        priority: data.priority,
        conditions: data.conditions,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(priorityRules.id, data.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'priority_rule.update',
      entityType: 'priority_rule',
      entityId: data.id,
      before: auditedPriority(before),
      after: auditedPriority(after!),
    });
    return { version: after!.version };
  });
}

export const setPriorityRuleEnabled = (args: { ctx: Ctx; input: unknown }) => setEnabled(PRIORITY, args);
export const movePriorityRule = (args: { ctx: Ctx; input: unknown }) => moveRule(PRIORITY, args);
export const deletePriorityRule = (args: { ctx: Ctx; input: unknown }) => deleteRule(PRIORITY, args);

/** The priority of a case that no rule matches. */
export async function setDefaultPriority({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(DefaultPriorityInput, input);
  return transaction(async (tx) => {
    // Row 1 comes with the migration; put it back (at version 1) if someone deleted it by hand.
    await tx.insert(caseRuleSettings).values({ id: 1 }).onConflictDoNothing();
    const [row] = await tx.select().from(caseRuleSettings).where(eq(caseRuleSettings.id, 1)).for('update');
    expectVersion(row!.version, data.version);
    const version = row!.version + 1;
    await tx
      .update(caseRuleSettings)
      .set({ defaultPriority: data.priority, version, updatedAt: new Date() })
      .where(eq(caseRuleSettings.id, 1));
    await recordAudit(tx, ctx, {
      action: 'case_rule_settings.update',
      entityType: 'case_rule_settings',
      entityId: '1',
      before: { defaultPriority: row!.defaultPriority },
      after: { defaultPriority: data.priority },
    });
    return { version };
  });
}

// ——— Routing rules ———

export async function createRoutingRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(CreateRoutingRuleInput, input);
  return transaction(async (tx) => {
    const team = await checkTeam(tx, data.teamId);
    await checkCodes(tx, data.conditions);
    const position = await nextPosition(tx, ROUTING);
    const [row] = await tx
      .insert(routingRules)
      .values({ ...data, position })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'routing_rule.create',
      entityType: 'routing_rule',
      entityId: row!.id,
      after: { team, enabled: row!.enabled, position, conditions: row!.conditions },
    });
    return { id: row!.id };
  });
}

export async function updateRoutingRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(UpdateRoutingRuleInput, input);
  return transaction(async (tx) => {
    const [before] = await tx
      .select({ rule: routingRules, team: teams.name })
      .from(routingRules)
      .innerJoin(teams, eq(teams.id, routingRules.teamId))
      .where(eq(routingRules.id, data.id))
      .for('update', { of: routingRules });
    if (!before) throw new NotFoundError('routing_rule');
    expectVersion(before.rule.version, data.version);
    const team = await checkTeam(tx, data.teamId);
    await checkCodes(tx, data.conditions);
    const version = before.rule.version + 1;
    await tx
      .update(routingRules)
      .set({ teamId: data.teamId, conditions: data.conditions, version, updatedAt: new Date() })
      .where(eq(routingRules.id, data.id));
    await recordAudit(tx, ctx, {
      action: 'routing_rule.update',
      entityType: 'routing_rule',
      entityId: data.id,
      before: { team: before.team, conditions: before.rule.conditions },
      after: { team, conditions: data.conditions },
    });
    return { version };
  });
}

export const setRoutingRuleEnabled = (args: { ctx: Ctx; input: unknown }) => setEnabled(ROUTING, args);
export const moveRoutingRule = (args: { ctx: Ctx; input: unknown }) => moveRule(ROUTING, args);
export const deleteRoutingRule = (args: { ctx: Ctx; input: unknown }) => deleteRule(ROUTING, args);

// ——— Shared by both lists ———

async function setEnabled(kind: RuleKind, { ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(SetRuleEnabledInput, input);
  return transaction(async (tx) => {
    const row = await lockRule(tx, kind, data.id, data.version);
    const version = row.version + 1;
    await tx
      .update(kind.table)
      .set({ enabled: data.enabled, version, updatedAt: new Date() })
      .where(eq(kind.table.id, data.id));
    await recordAudit(tx, ctx, {
      action: `${kind.entityType}.${data.enabled ? 'enable' : 'disable'}`,
      entityType: kind.entityType,
      entityId: data.id,
      before: { enabled: row.enabled },
      after: { enabled: data.enabled },
    });
    return { version };
  });
}

/**
 * Moves a rule one step up or down. The whole list is locked, so two admins reordering at once
 * cannot interleave into duplicate positions; every rule whose position changes gets a new version.
 */
async function moveRule(kind: RuleKind, { ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ version: number }> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(MoveRuleInput, input);
  const t = kind.table;
  return transaction(async (tx) => {
    const rows = await tx
      .select({ id: t.id, position: t.position, version: t.version })
      .from(t)
      .orderBy(asc(t.position), asc(t.id))
      .for('update');
    const moved = rows.find((r) => r.id === data.id);
    if (!moved) throw new NotFoundError(kind.entityType);
    expectVersion(moved.version, data.version);
    const changes = planMove(rows, data.id, data.direction) ?? [];
    for (const c of changes) {
      const before = rows.find((r) => r.id === c.id)!;
      await tx
        .update(t)
        .set({ position: c.position, version: before.version + 1, updatedAt: new Date() })
        .where(eq(t.id, c.id));
      await recordAudit(tx, ctx, {
        action: `${kind.entityType}.move`,
        entityType: kind.entityType,
        entityId: c.id,
        before: { position: before.position },
        after: { position: c.position },
      });
    }
    return { version: changes.some((c) => c.id === moved.id) ? moved.version + 1 : moved.version };
  });
}

async function deleteRule(kind: RuleKind, { ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, MANAGE);
  const data = parseInput(DeleteRuleInput, input);
  await transaction(async (tx) => {
    const row = await lockRule(tx, kind, data.id, data.version);
    await tx.delete(kind.table).where(eq(kind.table.id, data.id));
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = row as typeof row & { teamId?: string };
    await recordAudit(tx, ctx, {
      action: `${kind.entityType}.delete`,
      entityType: kind.entityType,
      entityId: data.id,
      before: rest,
    });
  });
}
