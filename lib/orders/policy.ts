import 'server-only';
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { customers, orders } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';

/**
 * Which orders an actor may see, as a WHERE clause to AND into every order query.
 * Staff see every live order; a customer sees the live orders of the customer records they own.
 * Deleted orders are visible only in the bin, to those who may restore them.
 */
export function orderAccessWhere(actor: Actor | null, opts: { deleted?: boolean } = {}): SQL {
  if (!actor) throw new UnauthenticatedError();
  if (opts.deleted) {
    if (!can(actor, 'restore:order:any')) throw new ForbiddenError('restore:order:any');
    return isNotNull(orders.deletedAt);
  }
  if (can(actor, 'read:order:any')) return isNull(orders.deletedAt);
  if (can(actor, 'read:order:own')) {
    return and(
      isNull(orders.deletedAt),
      sql`${orders.customerId} in (select ${customers.id} from ${customers} where ${eq(customers.userId, actor.userId)})`,
    )!;
  }
  throw new ForbiddenError('read:order:any');
}

/** Whether the viewer sees staff-only timeline entries and internal fields. */
export function isStaffViewer(actor: Actor): boolean {
  return can(actor, 'read:order:any') || can(actor, 'restore:order:any');
}
