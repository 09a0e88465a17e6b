import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { PRIORITIES, type Priority } from '@/lib/cases/priority';
import { RECENT_CASE_DAYS, PriorityConditions, RoutingConditions, type CaseFacts } from './conditions';
import type { PriorityRuleForEval, RoutingRuleForEval } from './evaluate';

export type CaseRules = {
  priorityRules: PriorityRuleForEval[];
  defaultPriority: Priority;
  routingRules: RoutingRuleForEval[];
  /** The customer's history, for the customer conditions. */
  customer: CaseFacts['customer'];
};

/** json / jsonb arrive parsed from PGlite and, through drizzle's postgres.js driver, as text. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * Everything a case about to be opened is judged by, in ONE round trip: the enabled priority and
 * routing rules in order, the default priority, and the customer's case history. Read inside the
 * opening transaction, so a rule an admin saved a moment ago on another instance applies to the
 * very next case, with no cache to invalidate.
 *
 * Conditions were validated when written; a row edited by hand into something unreadable never
 * matches (rather than failing every case open, or matching everything).
 */
export async function loadCaseRulesInTx(db: Queryable, customerId: string): Promise<CaseRules> {
  const [row] = rowsOf<{
    priority_rules: unknown;
    routing_rules: unknown;
    default_priority: string | null;
    open_cases: number;
    recent_cases: number;
    tags: string[] | null;
  }>(
    await db.execute(sql`select
      (select coalesce(json_agg(json_build_object('id', id, 'priority', priority, 'conditions', conditions)
         order by position, id), '[]'::json) from priority_rules where enabled) as priority_rules,
      (select coalesce(json_agg(json_build_object('id', id, 'teamId', team_id, 'conditions', conditions)
         order by position, id), '[]'::json) from routing_rules where enabled) as routing_rules,
      (select default_priority::text from case_rule_settings where id = 1) as default_priority,
      (select count(*)::int from cases where customer_id = ${customerId}
         and status not in ('closed', 'cancelled')) as open_cases,
      (select count(*)::int from cases where customer_id = ${customerId}
         and created_at >= now() - make_interval(days => ${RECENT_CASE_DAYS})) as recent_cases,
      (select tags from customers where id = ${customerId}) as tags`),
  );
  return {
    priorityRules: json<{ id: string; priority: Priority; conditions: unknown }[]>(row?.priority_rules ?? '[]').map(
      (r) => ({ ...r, enabled: true, conditions: readable(PriorityConditions, r.conditions) }),
    ),
    routingRules: json<{ id: string; teamId: string; conditions: unknown }[]>(row?.routing_rules ?? '[]').map((r) => ({
      ...r,
      enabled: true,
      conditions: readable(RoutingConditions, r.conditions),
    })),
    defaultPriority: asPriority(row?.default_priority),
    customer: {
      openCases: Number(row?.open_cases ?? 0),
      recentCases: Number(row?.recent_cases ?? 0),
      tags: row?.tags ?? [],
    },
  };
}

/** A condition no case satisfies: what an unreadable stored condition turns into. */
const NEVER = { caseTypes: [] as never[] };

/** Stored conditions as the evaluator reads them; see loadCaseRulesInTx for why unreadable ones never match. */
export function readable(
  schema: typeof PriorityConditions | typeof RoutingConditions,
  stored: unknown,
): PriorityRuleForEval['conditions'] {
  const parsed = schema.safeParse(json(stored));
  return parsed.success ? parsed.data : NEVER;
}

/** The default priority; 'normal' (as before #18) if row 1 was deleted by hand. */
export const asPriority = (v: string | null | undefined): Priority =>
  (PRIORITIES as readonly string[]).includes(v ?? '') ? (v as Priority) : 'normal';
