import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { cases, customers } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
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
  if (can(actor, 'update:case:any')) return actor.role === 'supervisor' || actor.role === 'admin' ? 'supervisor' : 'agent';
  return 'customer';
}
