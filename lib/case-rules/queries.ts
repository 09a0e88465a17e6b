import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caseRuleSettings, priorityRules, routingRules, teams } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Priority } from '@/lib/cases/priority';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';
import { PriorityConditions, RoutingConditions, type CaseFacts, type RuleConditions } from './conditions';
import { decidePriority, decideRoutingRule } from './evaluate';
import { asPriority, readable } from './load';
import { SampleCaseInput } from './schemas';

const MANAGE = 'manage:caserule:any' as const;

export type PriorityRuleRow = {
  id: string;
  /** 1-based place in the list: what "rule #2" means to the admin. */
  rank: number;
  enabled: boolean;
  nameZh: string;
  nameEn: string;
  priority: Priority;
  conditions: RuleConditions;
  version: number;
};

export type RoutingRuleRow = {
  id: string;
  rank: number;
  enabled: boolean;
  teamId: string;
  teamName: string;
  conditions: RuleConditions;
  version: number;
};

async function readPriorityRules(): Promise<PriorityRuleRow[]> {
  const db = await getDb();
  const rows = await db.select().from(priorityRules).orderBy(asc(priorityRules.position), asc(priorityRules.id));
  return rows.map((r, i) => ({
    id: r.id,
    rank: i + 1,
    enabled: r.enabled,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    priority: r.priority,
    conditions: readable(PriorityConditions, r.conditions),
    version: r.version,
  }));
}

async function readRoutingRules(): Promise<RoutingRuleRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ rule: routingRules, teamName: teams.name })
    .from(routingRules)
    .innerJoin(teams, eq(teams.id, routingRules.teamId))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
  return rows.map(({ rule, teamName }, i) => ({
    id: rule.id,
    rank: i + 1,
    enabled: rule.enabled,
    teamId: rule.teamId,
    teamName,
    conditions: readable(RoutingConditions, rule.conditions),
    version: rule.version,
  }));
}

async function readDefault(): Promise<{ priority: Priority; version: number }> {
  const db = await getDb();
  const [row] = await db.select().from(caseRuleSettings).where(eq(caseRuleSettings.id, 1));
  // version 0 when row 1 was deleted by hand: setDefaultPriority puts it back at version 1.
  return { priority: asPriority(row?.defaultPriority), version: row?.version ?? 0 };
}

/** The priority rules in order (disabled ones too) and the default, for the admin page. */
export async function listPriorityRules({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, MANAGE);
  const [rules, defaultPriority] = await Promise.all([readPriorityRules(), readDefault()]);
  return { rules, defaultPriority };
}

/** The routing rules in order (disabled ones too), with their teams' names. */
export async function listRoutingRules({ ctx }: { ctx: Ctx }): Promise<RoutingRuleRow[]> {
  authorize(ctx.actor, MANAGE);
  return readRoutingRules();
}

export type CaseRulesPreview = {
  priority: Priority;
  /** The priority rule that decided, or null when the default applied. */
  priorityRule: Pick<PriorityRuleRow, 'id' | 'rank' | 'nameZh' | 'nameEn'> | null;
  team: { id: string; name: string } | null;
  /** How the team was found: a routing rule, the teams' case types (the fallback), or not at all. */
  routedBy: 'rule' | 'case_type' | 'none';
  routingRule: Pick<RoutingRuleRow, 'id' | 'rank'> | null;
};

/**
 * What the saved rules would decide for a made-up case opened now: the same evaluator as a real
 * case open (lib/cases/mutations.ts), over the same rows. Nothing is written.
 */
export async function previewCaseRules({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CaseRulesPreview> {
  authorize(ctx.actor, MANAGE);
  const sample = parseInput(SampleCaseInput, input);
  const facts: CaseFacts = {
    type: sample.type,
    reason: sample.reason,
    description: sample.description,
    orderTotalCents: sample.orderValueCents,
    channel: sample.channel ?? null,
    categories: sample.category ? [sample.category] : [],
    customer: { openCases: sample.openCases, recentCases: sample.recentCases, tags: sample.tags },
  };
  const [pRules, rRules, fallback] = await Promise.all([readPriorityRules(), readRoutingRules(), readDefault()]);
  const p = decidePriority(pRules, fallback.priority, facts);
  const r = decideRoutingRule(rRules, facts);
  let team: CaseRulesPreview['team'] = r ? { id: r.teamId, name: r.teamName } : null;
  if (!r) {
    // The fallback exactly as routeNewCase takes it: the first team by name handling the type.
    const db = await getDb();
    const [byType] = await db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(sql`${sample.type} = any(${teams.caseTypes})`)
      .orderBy(asc(teams.name))
      .limit(1);
    team = byType ?? null;
  }
  return {
    priority: p.priority,
    priorityRule: p.rule ? { id: p.rule.id, rank: p.rule.rank, nameZh: p.rule.nameZh, nameEn: p.rule.nameEn } : null,
    team,
    routedBy: r ? 'rule' : team ? 'case_type' : 'none',
    routingRule: r ? { id: r.id, rank: r.rank } : null,
  };
}
