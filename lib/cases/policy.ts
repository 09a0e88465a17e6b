import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { cases, customers } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/errors';
import type { CaseActorKind } from './workflow';

/** Which cases an actor may see: staff all, a customer those of the customer records they own. */
export function caseAccessWhere(actor: Actor | null): SQL {
  if (!actor) throw new UnauthenticatedError();
  if (can(actor, 'read:case:any')) return sql`true`;
  if (can(actor, 'read:case:own')) {
    return sql`${cases.customerId} in (select ${customers.id} from ${customers} where ${eq(customers.userId, actor.userId)})`;
  }
  throw new ForbiddenError('read:case:any');
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
