import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { permissionsOf, type Permission, type Role } from './permissions';

export * from './permissions';

/** The signed-in user as the domain sees them. Built from the database on every request. */
export type Actor = {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  permissions: ReadonlySet<Permission>;
};

export function makeActor(u: Omit<Actor, 'permissions'>): Actor {
  return { ...u, permissions: permissionsOf(u.role) };
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/** Throws unless the actor holds the permission; returns the actor, now known to be signed in. */
export function authorize(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!actor.permissions.has(permission)) throw new ForbiddenError(permission);
  return actor;
}

/** Which shell a role lands on after sign-in. Derived from permissions, not role names. */
export function homePathFor(actor: Actor): string {
  if (can(actor, 'access:admin:any')) return '/admin';
  if (can(actor, 'access:desk:any')) return '/desk';
  if (can(actor, 'access:portal:own')) return '/portal';
  return '/';
}
