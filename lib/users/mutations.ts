import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { teamMembers, teams, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { authorize } from '@/lib/authz';
import { ASSIGNMENT_MODES } from '@/lib/cases/assignment';
import { CASE_TYPES, type CaseType } from '@/lib/cases/workflow';
import type { Ctx } from '@/lib/context';
import { AppError, expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publish';
import { parseInput } from '@/lib/validation';
import {
  ChangeUserRoleInput,
  CreateTeamInput,
  DeleteTeamInput,
  CreateUserInput,
  SetUserActiveInput,
  SetUserTeamsInput,
} from './schemas';

async function lockUser(tx: Tx, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new NotFoundError('user');
  return user;
}

async function replaceTeams(tx: Tx, userId: string, teamIds: string[]): Promise<string[]> {
  const unique = [...new Set(teamIds)];
  if (unique.length) {
    const found = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(sql`${teams.id} in ${unique}`);
    if (found.length !== unique.length) throw new ValidationError({ teamIds: ['invalid_choice'] });
  }
  await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
  if (unique.length) await tx.insert(teamMembers).values(unique.map((teamId) => ({ teamId, userId })));
  return unique;
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, 'create:user:any');
  const data = parseInput(CreateUserInput, input);
  const passwordHash = await hashPassword(data.password);
  return transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, role: data.role, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) throw new ValidationError({ email: ['email_taken'] });
    const teamIds = await replaceTeams(tx, created.id, data.teamIds);
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      after: { name: data.name, email: data.email, role: data.role, teamIds, passwordHash: 'set' },
    });
    return created;
  });
}

export async function changeUserRole({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'update:user:any');
  const data = parseInput(ChangeUserRoleInput, input);
  // An admin demoting themselves could leave the system without any admin.
  if (data.userId === actor.userId) throw new AppError('cannot_change_own_role');
  await transaction(async (tx) => {
    const user = await lockUser(tx, data.userId);
    expectVersion(user.version, data.version);
    if (user.role === data.role) return;
    await tx
      .update(users)
      .set({ role: data.role, updatedAt: sql`now()`, version: user.version + 1 })
      .where(eq(users.id, user.id));
    // Their open live streams were authorised for the old role: they end, and reconnect as the new one.
    await publish(tx, { type: 'access', userId: user.id });
    await recordAudit(tx, ctx, {
      action: 'user.role_change',
      entityType: 'user',
      entityId: user.id,
      before: { role: user.role },
      after: { role: data.role },
    });
  });
}

/** Deactivation also revokes every session of the user, so it takes effect on their next click. */
export async function setUserActive({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ endedSessions: number }> {
  const actor = authorize(ctx.actor, 'update:user:any');
  const data = parseInput(SetUserActiveInput, input);
  if (data.userId === actor.userId) throw new AppError('cannot_deactivate_self');
  return transaction(async (tx) => {
    const user = await lockUser(tx, data.userId);
    expectVersion(user.version, data.version);
    if (user.active === data.active) return { endedSessions: 0 };
    await tx
      .update(users)
      .set({
        active: data.active,
        deactivatedAt: data.active ? null : sql`now()`,
        updatedAt: sql`now()`,
        version: user.version + 1,
      })
      .where(eq(users.id, user.id));
    const endedSessions = data.active ? 0 : await revokeUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      action: data.active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: user.id,
      before: { active: user.active },
      after: { active: data.active },
    });
    return { endedSessions };
  });
}

export async function setUserTeams({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:team:any');
  const data = parseInput(SetUserTeamsInput, input);
  await transaction(async (tx) => {
    await lockUser(tx, data.userId);
    const before = await tx
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(eq(teamMembers.userId, data.userId));
    const after = await replaceTeams(tx, data.userId, data.teamIds);
    await recordAudit(tx, ctx, {
      action: 'user.teams_change',
      entityType: 'user',
      entityId: data.userId,
      before: { teamIds: before.map((b) => b.teamId).sort() },
      after: { teamIds: [...after].sort() },
    });
  });
}

export async function createTeam({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, 'manage:team:any');
  const data = parseInput(CreateTeamInput, input);
  return transaction(async (tx) => {
    const [created] = await tx
      .insert(teams)
      .values({ name: data.name, description: data.description || null })
      .onConflictDoNothing({ target: teams.name })
      .returning({ id: teams.id });
    if (!created) throw new ValidationError({ name: ['team_name_taken'] });
    await recordAudit(tx, ctx, {
      action: 'team.create',
      entityType: 'team',
      entityId: created.id,
      after: { name: data.name, description: data.description || null },
    });
    return created;
  });
}

export async function deleteTeam({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:team:any');
  const { teamId } = parseInput(DeleteTeamInput, input);
  await transaction(async (tx) => {
    const [team] = await tx.delete(teams).where(eq(teams.id, teamId)).returning();
    if (!team) throw new NotFoundError('team');
    await recordAudit(tx, ctx, {
      action: 'team.delete',
      entityType: 'team',
      entityId: team.id,
      before: { name: team.name, description: team.description },
    });
  });
}

export const UpdateTeamRoutingInput = z.object({
  teamId: z.uuid('not_found'),
  /** Reported on `caseTypes` itself (not `caseTypes.N`), so the form shows one message under the group. */
  caseTypes: z
    .array(z.string())
    .max(CASE_TYPES.length * 2, 'too_many')
    .refine((list) => list.every((x) => (CASE_TYPES as readonly string[]).includes(x)), 'invalid_choice')
    // Stored deduplicated, in the canonical order of CASE_TYPES, so the audit diff shows real changes only.
    .transform((list) => CASE_TYPES.filter((type): type is CaseType => list.includes(type))),
  assignmentMode: z.enum(ASSIGNMENT_MODES, { message: 'invalid_choice' }),
});
export type UpdateTeamRoutingInput = z.input<typeof UpdateTeamRoutingInput>;

/**
 * Which case types a team handles and how its new cases get an assignee. Applies to cases opened
 * afterwards; cases already routed keep their team and assignee.
 */
export async function updateTeamRouting({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:team:any');
  const data = parseInput(UpdateTeamRoutingInput, input);
  await transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.id, data.teamId)).for('update');
    if (!team) throw new NotFoundError('team');
    const before = { caseTypes: team.caseTypes, assignmentMode: team.assignmentMode };
    const after = { caseTypes: data.caseTypes, assignmentMode: data.assignmentMode };
    if (before.assignmentMode === after.assignmentMode && before.caseTypes.join() === after.caseTypes.join()) return;
    await tx.update(teams).set(after).where(eq(teams.id, team.id));
    await recordAudit(tx, ctx, { action: 'team.routing', entityType: 'team', entityId: team.id, before, after });
  });
}
