import 'server-only';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { teamMembers, teams, users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { newestFirst } from '@/db/keyset';
import { toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import type { TeamDto, UserRowDto } from './dto';
import { ListUsersInput } from './schemas';

export const USERS_PAGE_SIZE = 25;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsers({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<UserRowDto>> {
  authorize(ctx.actor, 'read:user:any');
  const { q, role, status, cursor } = parseInput(ListUsersInput, input);
  const db = await getDb();
  const filters: (SQL | undefined)[] = [];
  if (role) filters.push(eq(users.role, role));
  if (status) filters.push(eq(users.active, status === 'active'));
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    filters.push(or(ilike(users.email, pattern), ilike(users.name, pattern)));
  }
  const page = newestFirst(users.createdAt, users.id, cursor, 'uuid');
  filters.push(page.where);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      version: users.version,
      key: page.key,
    })
    .from(users)
    .where(and(...filters))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(USERS_PAGE_SIZE + 1);

  // Teams for the whole page in one query, never one per row.
  const ids = rows.map((r) => r.id);
  const memberships = ids.length
    ? await db
        .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(inArray(teamMembers.userId, ids))
        .orderBy(asc(teams.name))
    : [];
  const teamsByUser = new Map<string, { id: string; name: string }[]>();
  for (const m of memberships) {
    const list = teamsByUser.get(m.userId) ?? [];
    list.push({ id: m.id, name: m.name });
    teamsByUser.set(m.userId, list);
  }

  const paged = toPage(rows, USERS_PAGE_SIZE, page.cursorOf);
  return {
    nextCursor: paged.nextCursor,
    items: paged.items.map(({ key: _key, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      teams: teamsByUser.get(r.id) ?? [],
    })),
  };
}

/** A team as /admin/teams shows it: with the case types routed to it and how they are assigned. */
export type TeamRowDto = TeamDto & { caseTypes: string[]; assignmentMode: string };

export async function listTeams({ ctx }: { ctx: Ctx }): Promise<TeamRowDto[]> {
  authorize(ctx.actor, 'read:team:any');
  const db = await getDb();
  return db
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      caseTypes: teams.caseTypes,
      assignmentMode: teams.assignmentMode,
      memberCount: sql<number>`(select count(*)::int from ${teamMembers} where ${teamMembers.teamId} = ${teams.id})`,
    })
    .from(teams)
    .orderBy(asc(teams.name));
}

/** Head-count by role for the admin home page. */
export async function countUsersByRole({ ctx }: { ctx: Ctx }): Promise<Record<string, number>> {
  authorize(ctx.actor, 'read:user:any');
  const db = await getDb();
  const rows = await db
    .select({ role: users.role, n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.active, true))
    .groupBy(users.role);
  return Object.fromEntries(rows.map((r) => [r.role, Number(r.n)]));
}

/** The teams the actor belongs to (desk home). */
export async function listMyTeams({ ctx }: { ctx: Ctx }): Promise<{ id: string; name: string }[]> {
  const actor = authorize(ctx.actor, 'read:team:any');
  const db = await getDb();
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, actor.userId))
    .orderBy(asc(teams.name));
}
