import 'server-only';
import type { Queryable } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { diffChanges } from './diff';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Who acted when there is no signed-in actor yet (sign-in, self-registration). */
  actorId?: string | null;
  actorLabel?: string;
};

/**
 * Writes one audit event with the same transaction handle as the change. It must be awaited inside
 * that transaction: if this insert fails, the whole change rolls back.
 */
export async function recordAudit(tx: Queryable, ctx: Ctx, event: AuditInput): Promise<void> {
  const changes = event.before || event.after ? diffChanges(event.before, event.after) : null;
  await tx.insert(auditEvents).values({
    actorId: event.actorId !== undefined ? event.actorId : (ctx.actor?.userId ?? null),
    actorLabel: event.actorLabel ?? ctx.actor?.email ?? 'system',
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    changes: changes && Object.keys(changes).length > 0 ? changes : null,
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}
