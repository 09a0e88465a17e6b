import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { cases, customers } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import type { CaseActorKind } from './workflow';

/** Which cases an actor may see: staff all, a customer those of the customer records they own. */
export type CaseAccess = { kind: 'any' } | { kind: 'own'; userId: string };

export function caseAccess(actor: Actor | null): CaseAccess {
  if (!actor) throw new UnauthenticatedError();
  if (can(actor, 'read:case:any')) return { kind: 'any' };
  if (can(actor, 'read:case:own')) return { kind: 'own', userId: actor.userId };
  throw new ForbiddenError('read:case:any');
}

export function caseAccessSql(kind: CaseAccess['kind'], userId: unknown): SQL {
  if (kind === 'any') return sql`true`;
  return sql`${cases.customerId} in (select ${customers.id} from ${customers} where ${customers.userId} = ${userId})`;
}

/** Which cases an actor may see, as a WHERE clause to AND into every case query. */
export function caseAccessWhere(actor: Actor | null): SQL {
  const access = caseAccess(actor);
  return caseAccessSql(access.kind, access.kind === 'own' ? access.userId : undefined);
}

/** How the workflow sees the actor. */
export function actorKind(actor: Actor): CaseActorKind {
  if (can(actor, 'update:case:any')) return can(actor, 'supervise:case:any') ? 'supervisor' : 'agent';
  return 'customer';
}

/**
 * The case the actor may see, locked for the rest of the transaction; "not found" for one that
 * does not exist or belongs to someone else (indistinguishable on purpose).
 */
export async function lockVisibleCase(tx: Tx, actor: Actor | null, caseNo: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.caseNo, caseNo.toUpperCase()), caseAccessWhere(actor)))
    .for('update');
  if (!row) throw new NotFoundError('case');
  return row;
}
