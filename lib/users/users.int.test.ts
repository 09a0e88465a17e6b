import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { teams, users } from '@/db/schema';
import { loadActorBySession } from '@/lib/auth/sessions';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor, uniqueEmail } from '@/test/factories';
import { changeUserRole, createTeam, createUser, deleteTeam, setUserActive, setUserTeams } from './mutations';
import { listTeams, listUsers } from './queries';

const newUser = () => ({ name: '赵六', email: uniqueEmail('made'), role: 'agent', password: 'initial-pass-1' });

async function adminCtx() {
  return ctxFor(await createTestUser({ role: 'admin' }));
}

describe('user administration is admin-only', () => {
  it.each(['customer', 'agent', 'supervisor'] as const)(
    'a %s cannot create, re-role or deactivate users',
    async (role) => {
      const ctx = await ctxFor(await createTestUser({ role }));
      const target = await createTestUser({ role: 'customer' });
      await expect(createUser({ ctx, input: newUser() })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        changeUserRole({ ctx, input: { userId: target.id, role: 'admin', version: 1 } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        setUserActive({ ctx, input: { userId: target.id, active: false, version: 1 } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createTeam({ ctx, input: { name: `T ${randomUUID()}` } })).rejects.toBeInstanceOf(ForbiddenError);
    },
  );

  it('an anonymous caller is refused by every verb', async () => {
    const ctx = anonymousCtx();
    const id = randomUUID();
    await expect(createUser({ ctx, input: newUser() })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(changeUserRole({ ctx, input: { userId: id, role: 'admin', version: 1 } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(setUserActive({ ctx, input: { userId: id, active: false, version: 1 } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(setUserTeams({ ctx, input: { userId: id, teamIds: [] } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(listUsers({ ctx, input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('a supervisor may list users but an agent may not', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    await expect(listUsers({ ctx: supervisor, input: {} })).resolves.toHaveProperty('items');
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(listUsers({ ctx: agent, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('createUser', () => {
  it('creates the account with a hashed password and an audit event without the secret', async () => {
    const ctx = await adminCtx();
    const input = newUser();
    const { id } = await createUser({ ctx, input });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ email: input.email, role: 'agent', active: true });
    const [event] = await auditFor(id);
    expect(event).toMatchObject({ action: 'user.create', actorId: ctx.actor!.userId, ip: ctx.ip });
    expect(JSON.stringify(event!.changes)).not.toContain('initial-pass-1');
  });

  it('reports a duplicate e-mail and an unknown role as field errors, writing nothing', async () => {
    const ctx = await adminCtx();
    const existing = await createTestUser({ role: 'agent' });
    await expect(createUser({ ctx, input: { ...newUser(), email: existing.email } })).rejects.toMatchObject({
      fieldErrors: { email: ['email_taken'] },
    });
    await expect(createUser({ ctx, input: { ...newUser(), role: 'root' } })).rejects.toMatchObject({
      fieldErrors: { role: ['invalid_choice'] },
    });
    await expect(createUser({ ctx, input: { ...newUser(), teamIds: [randomUUID()] } })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('changeUserRole', () => {
  it('changes the role, bumps the version and detects a stale edit', async () => {
    const ctx = await adminCtx();
    const target = await createTestUser({ role: 'agent' });
    await changeUserRole({ ctx, input: { userId: target.id, role: 'supervisor', version: target.version } });
    await expect(
      changeUserRole({ ctx, input: { userId: target.id, role: 'customer', version: target.version } }),
    ).rejects.toBeInstanceOf(ConflictError);
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ role: 'supervisor', version: target.version + 1 });
    const events = await auditFor(target.id);
    expect(events.map((e) => [e.action, e.changes])).toEqual([
      ['user.role_change', { role: { before: 'agent', after: 'supervisor' } }],
    ]);
  });

  it('refuses to change the admin’s own role and an unknown user', async () => {
    const ctx = await adminCtx();
    await expect(
      changeUserRole({ ctx, input: { userId: ctx.actor!.userId, role: 'agent', version: 1 } }),
    ).rejects.toMatchObject({
      code: 'cannot_change_own_role',
    });
    await expect(
      changeUserRole({ ctx, input: { userId: randomUUID(), role: 'agent', version: 1 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('setUserActive', () => {
  it('deactivation ends every session of the user at once; reactivation lets them sign in again', async () => {
    const ctx = await adminCtx();
    const target = await createTestUser({ role: 'agent' });
    const s1 = await ctxFor(target);
    const s2 = await ctxFor(target);
    const { endedSessions } = await setUserActive({
      ctx,
      input: { userId: target.id, active: 'false', version: target.version },
    });
    expect(endedSessions).toBe(2);
    const db = await getDb();
    expect(await loadActorBySession(db, s1.actor!.sessionId)).toBeNull();
    expect(await loadActorBySession(db, s2.actor!.sessionId)).toBeNull();
    await setUserActive({ ctx, input: { userId: target.id, active: true, version: target.version + 1 } });
    expect((await auditFor(target.id)).map((e) => e.action).sort()).toEqual(['user.deactivate', 'user.reactivate']);
  });

  it('an admin cannot deactivate themselves', async () => {
    const ctx = await adminCtx();
    await expect(
      setUserActive({ ctx, input: { userId: ctx.actor!.userId, active: false, version: 1 } }),
    ).rejects.toMatchObject({
      code: 'cannot_deactivate_self',
    });
  });
});

describe('teams', () => {
  it('creates a team, assigns members, lists counts and deletes it — all audited', async () => {
    const ctx = await adminCtx();
    const name = `退货组 ${randomUUID().slice(0, 6)}`;
    const { id } = await createTeam({ ctx, input: { name, description: '退货退款' } });
    await expect(createTeam({ ctx, input: { name } })).rejects.toMatchObject({
      fieldErrors: { name: ['team_name_taken'] },
    });
    const agent = await createTestUser({ role: 'agent' });
    await setUserTeams({ ctx, input: { userId: agent.id, teamIds: [id] } });
    const listed = (await listTeams({ ctx })).find((t) => t.id === id);
    expect(listed).toMatchObject({ name, memberCount: 1 });
    const page = await listUsers({ ctx, input: { q: agent.email } });
    expect(page.items[0]?.teams).toEqual([{ id, name }]);
    await deleteTeam({ ctx, input: { teamId: id } });
    const db = await getDb();
    expect(await db.select().from(teams).where(eq(teams.id, id))).toHaveLength(0);
    expect((await auditFor(id)).map((e) => e.action).sort()).toEqual(['team.create', 'team.delete']);
    expect((await auditFor(agent.id)).map((e) => e.action)).toEqual(['user.teams_change']);
  });
});

describe('listUsers', () => {
  it('filters by text, role and status and pages with a keyset cursor', async () => {
    const ctx = await adminCtx();
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 30; i++) await createTestUser({ role: 'customer', email: `page-${tag}-${i}@test.example.com` });
    await createTestUser({ role: 'agent', email: `page-${tag}-agent@test.example.com`, active: false });

    const first = await listUsers({ ctx, input: { q: `page-${tag}`, role: 'customer' } });
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).toBeTruthy();
    const second = await listUsers({ ctx, input: { q: `page-${tag}`, role: 'customer', cursor: first.nextCursor! } });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const seen = new Set([...first.items, ...second.items].map((u) => u.id));
    expect(seen.size).toBe(30);

    const inactive = await listUsers({ ctx, input: { q: `page-${tag}`, status: 'inactive' } });
    expect(inactive.items.map((u) => u.role)).toEqual(['agent']);
    // A cursor edited by hand restarts from the top instead of failing.
    const tampered = await listUsers({ ctx, input: { q: `page-${tag}`, role: 'customer', cursor: 'garbage' } });
    expect(tampered.items).toHaveLength(25);
    // LIKE wildcards in the search are literal.
    expect((await listUsers({ ctx, input: { q: `page-${tag}%` } })).items).toHaveLength(0);
  });

  it('refuses an unknown role filter as a validation error', async () => {
    const ctx = await adminCtx();
    await expect(listUsers({ ctx, input: { role: 'superuser' } })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('audit atomicity', () => {
  it('a change whose audit event cannot be written is rolled back whole', async () => {
    // An actor whose user row does not exist: the audit insert violates its foreign key.
    const real = await adminCtx();
    const ghost = { ...real, actor: { ...real.actor!, userId: randomUUID() } };
    const name = `Ghost team ${randomUUID().slice(0, 6)}`;
    await expect(createTeam({ ctx: ghost, input: { name } })).rejects.not.toBeInstanceOf(AppError);
    const db = await getDb();
    expect(await db.select().from(teams).where(eq(teams.name, name))).toHaveLength(0);
  });
});
