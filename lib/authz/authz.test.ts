import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { authorize, can, homePathFor, makeActor, ROLES, type Role } from './index';

const actor = (role: Role) => makeActor({ userId: 'u', sessionId: 's', email: 'e', name: 'n', role, locale: null });

describe('role permissions', () => {
  it('gives each role exactly one shell', () => {
    const shells = Object.fromEntries(
      ROLES.map((r) => [
        r,
        ['access:portal:own', 'access:desk:any', 'access:admin:any'].filter((p) => can(actor(r), p as never)),
      ]),
    );
    expect(shells).toEqual({
      customer: ['access:portal:own'],
      agent: ['access:desk:any'],
      supervisor: ['access:desk:any'],
      admin: ['access:admin:any'],
    });
  });

  it('sends each role to its own home', () => {
    expect(ROLES.map((r) => homePathFor(actor(r)))).toEqual(['/portal', '/desk', '/desk', '/admin']);
  });

  it('keeps user and audit administration with admins', () => {
    for (const r of ['customer', 'agent', 'supervisor'] as const) {
      expect(can(actor(r), 'create:user:any')).toBe(false);
      expect(can(actor(r), 'update:user:any')).toBe(false);
      expect(can(actor(r), 'read:audit:any')).toBe(false);
    }
    expect(can(actor('admin'), 'read:audit:any')).toBe(true);
  });

  it('authorize throws unauthenticated for nobody and forbidden for the wrong role', () => {
    expect(() => authorize(null, 'read:audit:any')).toThrow(UnauthenticatedError);
    expect(() => authorize(actor('agent'), 'read:audit:any')).toThrow(ForbiddenError);
    expect(authorize(actor('admin'), 'read:audit:any').role).toBe('admin');
  });
});
