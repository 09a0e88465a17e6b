import 'server-only';
import { and, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { customers, orders } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';

/**
 * Which orders an actor may see: every live order (staff), the live orders of the customer records
 * a user owns (a customer), or the deleted ones (the bin, for those who may restore). As a kind,
 * for the prepared statements that have one fixed shape per kind (queries-prepared.ts).
 */
export type OrderAccess = { kind: 'any' } | { kind: 'own'; userId: string } | { kind: 'deleted' };

export function orderAccess(actor: Actor | null, opts: { deleted?: boolean } = {}): OrderAccess {
  if (!actor) throw new UnauthenticatedError();
  if (opts.deleted) {
    if (!can(actor, 'restore:order:any')) throw new ForbiddenError('restore:order:any');
    return { kind: 'deleted' };
  }
  if (can(actor, 'read:order:any')) return { kind: 'any' };
  if (can(actor, 'read:order:own')) return { kind: 'own', userId: actor.userId };
  throw new ForbiddenError('read:order:any');
}

/** The SQL of an access; `userId` may be a placeholder (prepared statements) or the value. */
export function accessSql(kind: OrderAccess['kind'], userId?: unknown): SQL {
  if (kind === 'deleted') return isNotNull(orders.deletedAt);
  if (kind === 'any') return isNull(orders.deletedAt);
  return and(
    isNull(orders.deletedAt),
    sql`${orders.customerId} in (select ${customers.id} from ${customers} where ${customers.userId} = ${userId})`,
  )!;
}

/** Which orders an actor may see, as a WHERE clause to AND into every order query. */
export function orderAccessWhere(actor: Actor | null, opts: { deleted?: boolean } = {}): SQL {
  const access = orderAccess(actor, opts);
  return accessSql(access.kind, access.kind === 'own' ? access.userId : undefined);
}

/** Whether the viewer sees staff-only timeline entries and internal fields. */
export function isStaffViewer(actor: Actor): boolean {
  return can(actor, 'read:order:any') || can(actor, 'restore:order:any');
}
