import type { Priority } from '@/lib/cases/priority';
import { conditionsHold, type CaseFacts, type RuleConditions } from './conditions';

/**
 * First match wins (#18): the rules are tried in position order and the first enabled one whose
 * conditions all hold decides. Pure, so the same code answers for a case being opened and for the
 * admin's preview of a sample case.
 */

export type PriorityRuleForEval = { id: string; enabled: boolean; conditions: RuleConditions; priority: Priority };
export type RoutingRuleForEval = { id: string; enabled: boolean; conditions: RuleConditions; teamId: string };

/** The first enabled rule (in the given order) whose conditions hold, or null. */
export function firstMatch<R extends { enabled: boolean; conditions: RuleConditions }>(
  rules: readonly R[],
  facts: CaseFacts,
): R | null {
  return rules.find((r) => r.enabled && conditionsHold(r.conditions, facts)) ?? null;
}

/** The priority a new case starts with (agents can change it) and the rule that gave it. */
export function decidePriority<R extends PriorityRuleForEval>(
  rules: readonly R[],
  defaultPriority: Priority,
  facts: CaseFacts,
): { priority: Priority; rule: R | null } {
  const rule = firstMatch(rules, facts);
  return { priority: rule?.priority ?? defaultPriority, rule };
}

/** The routing rule that sends the case to a team, or null to fall back to routing by case type. */
export function decideRoutingRule<R extends RoutingRuleForEval>(rules: readonly R[], facts: CaseFacts): R | null {
  return firstMatch(rules, facts);
}

export type MoveDirection = 'up' | 'down';

/**
 * Moves one rule a step up or down and renumbers the list 10, 20, 30 … (room to spare, and no
 * ties left over from hand edits). Returns the rows whose position changes; empty when the rule is
 * already at that end. `rows` must be in the current order.
 */
export function planMove<R extends { id: string; position: number }>(
  rows: readonly R[],
  id: string,
  direction: MoveDirection,
): { id: string; position: number }[] | null {
  const from = rows.findIndex((r) => r.id === id);
  if (from < 0) return null;
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= rows.length) return [];
  const order = [...rows];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order
    .map((r, i) => ({ id: r.id, position: (i + 1) * 10, before: r.position }))
    .filter((r) => r.position !== r.before)
    .map(({ id, position }) => ({ id, position }));
}
