import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { teams } from '@/db/schema';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { updateTeamRouting } from './mutations';
import { listTeams } from './queries';

/**
 * Cases are routed to the first team by name that handles their type, and other test files may open
 * cases on the same database at the same time. So the teams here sort last ("~" after letters and
 * digits), and every one is deleted at the end.
 */
const created: string[] = [];

async function newTeam() {
  const db = await getDb();
  const [team] = await db
    .insert(teams)
    .values({ name: `~zz-routing-${randomUUID()}` })
    .returning();
  created.push(team!.id);
  return team!;
}

afterAll(async () => {
  const db = await getDb();
  for (const id of created) await db.delete(teams).where(eq(teams.id, id));
});

describe('updateTeamRouting', () => {
  it('lets an admin set the case types and assignment mode, in canonical order, with an audit event', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const team = await newTeam();
    expect(team).toMatchObject({ caseTypes: [], assignmentMode: 'manual' });

    await updateTeamRouting({
      ctx: admin,
      input: { teamId: team.id, caseTypes: ['complaint', 'repair', 'complaint'], assignmentMode: 'least_loaded' },
    });
    const db = await getDb();
    const [row] = await db.select().from(teams).where(eq(teams.id, team.id));
    expect(row).toMatchObject({ caseTypes: ['repair', 'complaint'], assignmentMode: 'least_loaded' });

    const listed = (await listTeams({ ctx: admin })).find((t) => t.id === team.id);
    expect(listed).toMatchObject({
      caseTypes: ['repair', 'complaint'],
      assignmentMode: 'least_loaded',
      memberCount: 0,
    });

    const events = await auditFor(team.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'team.routing',
      entityType: 'team',
      actorId: admin.actor!.userId,
      ip: admin.ip,
    });
    expect(events[0]!.changes).toMatchObject({
      caseTypes: { before: [], after: ['repair', 'complaint'] },
      assignmentMode: { before: 'manual', after: 'least_loaded' },
    });

    // Saving the same routing again changes nothing and writes no second event.
    await updateTeamRouting({
      ctx: admin,
      input: { teamId: team.id, caseTypes: ['repair', 'complaint'], assignmentMode: 'least_loaded' },
    });
    expect(await auditFor(team.id)).toHaveLength(1);

    // Clearing the types takes the team out of routing again.
    await updateTeamRouting({ ctx: admin, input: { teamId: team.id, caseTypes: [], assignmentMode: 'manual' } });
    const [cleared] = await db.select().from(teams).where(eq(teams.id, team.id));
    expect(cleared).toMatchObject({ caseTypes: [], assignmentMode: 'manual' });
    expect(await auditFor(team.id)).toHaveLength(2);
  });

  it.each(['agent', 'supervisor', 'customer'] as const)('refuses a %s', async (role) => {
    const ctx = await ctxFor(await createTestUser({ role }));
    const team = await newTeam();
    await expect(
      updateTeamRouting({ ctx, input: { teamId: team.id, caseTypes: ['repair'], assignmentMode: 'manual' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const db = await getDb();
    const [row] = await db.select().from(teams).where(eq(teams.id, team.id));
    expect(row).toMatchObject({ caseTypes: [], assignmentMode: 'manual' });
  });

  it('refuses an anonymous caller', async () => {
    const team = await newTeam();
    await expect(
      updateTeamRouting({
        ctx: anonymousCtx(),
        input: { teamId: team.id, caseTypes: ['repair'], assignmentMode: 'manual' },
      }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('reports unknown case types and modes as field errors, and an unknown team as not found', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const team = await newTeam();
    const attempt = (input: Record<string, unknown>) =>
      updateTeamRouting({
        ctx: admin,
        input: { teamId: team.id, caseTypes: ['repair'], assignmentMode: 'manual', ...input },
      });

    await expect(attempt({ caseTypes: ['repair', 'teleport'] })).rejects.toMatchObject({
      fieldErrors: { caseTypes: ['invalid_choice'] },
    });
    await expect(attempt({ assignmentMode: 'lottery' })).rejects.toMatchObject({
      fieldErrors: { assignmentMode: ['invalid_choice'] },
    });
    await expect(attempt({ caseTypes: undefined })).rejects.toMatchObject({ fieldErrors: { caseTypes: ['required'] } });
    await expect(attempt({ teamId: 'nope' })).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt({ teamId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);

    const db = await getDb();
    const [row] = await db.select().from(teams).where(eq(teams.id, team.id));
    expect(row).toMatchObject({ caseTypes: [], assignmentMode: 'manual' });
    expect(await auditFor(team.id)).toHaveLength(0);
  });
});
