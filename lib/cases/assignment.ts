import 'server-only';
import { rolesWith } from '@/lib/authz';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { teamMembers, teams, users } from '@/db/schema';
import type { CaseType } from './workflow';

export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** Chooses from candidates sorted by id: the first after the previous pick, wrapping around. */
export function nextRoundRobin(candidates: readonly string[], last: string | null): string | null {
  if (candidates.length === 0) return null;
  return candidates.find((id) => last !== null && id > last) ?? candidates[0]!;
}

/** Chooses the candidate with the fewest open cases; ties go to the lowest id for stable results. */
export function leastLoaded(load: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const [id, n] of [...load.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || n < load.get(best)!) best = id;
  }
  return best;
}

/**
 * Where a new case goes: the team a routing rule chose (`ruledTeamId`, lib/case-rules), else the
 * first team (by name) that handles its type; and, when that team assigns automatically, one of
 * its available agents. The team row is locked, so two cases opened at once never both take the
 * same round-robin turn.
 */
export async function routeNewCase(
  tx: Tx,
  type: CaseType,
  ruledTeamId: string | null = null,
): Promise<{ teamId: string | null; assigneeId: string | null }> {
  const [team] = await tx
    .select()
    .from(teams)
    .where(ruledTeamId ? eq(teams.id, ruledTeamId) : sql`${type} = any(${teams.caseTypes})`)
    .orderBy(asc(teams.name))
    .limit(1)
    .for('update');
  if (!team) return { teamId: null, assigneeId: null };
  if (team.assignmentMode !== 'round_robin' && team.assignmentMode !== 'least_loaded')
    return { teamId: team.id, assigneeId: null };

  const members = await tx
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(
      and(
        eq(teamMembers.teamId, team.id),
        eq(users.active, true),
        eq(users.available, true),
        inArray(users.role, rolesWith('update:case:any')),
      ),
    )
    .orderBy(asc(users.id));
  const ids = members.map((m) => m.id);
  if (ids.length === 0) return { teamId: team.id, assigneeId: null };

  let assigneeId: string | null;
  if (team.assignmentMode === 'round_robin') {
    assigneeId = nextRoundRobin(ids, team.lastAssignedUserId);
  } else {
    const counts = rowsOf<{ assignee_id: string; n: number }>(
      await tx.execute(sql`select assignee_id, count(*)::int as n from cases
        where status not in ('closed', 'cancelled') and assignee_id in ${sql`(${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`}
        group by assignee_id`),
    );
    const load = new Map(ids.map((id) => [id, 0]));
    for (const c of counts) load.set(c.assignee_id, Number(c.n));
    assigneeId = leastLoaded(load);
  }
  await tx.update(teams).set({ lastAssignedUserId: assigneeId }).where(eq(teams.id, team.id));
  return { teamId: team.id, assigneeId };
}
