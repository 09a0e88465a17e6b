import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable } from '@/db/client';
import { cases, customers, notifications } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import { caseAccessWhere } from '@/lib/cases/policy';
import type { Ctx } from '@/lib/context';
import { newestFirst } from '@/db/keyset';
import { toPage, type Page } from '@/lib/pagination';
import { publish } from '@/lib/realtime/publish';
import { parseInput } from '@/lib/validation';

import type { CustomerNotificationKind, NotificationDto, NotificationKind } from './dto';

export type { NotificationDto, NotificationKind };

/**
 * Notifies staff about a case, with the caller's transaction. A `dedupeKey` makes it once per
 * person (the SLA scan runs every minute but warns about each clock once). The realtime event
 * wakes the bell in each recipient's open pages.
 */
export async function notifyStaff(
  tx: Queryable,
  input: {
    userIds: (string | null | undefined)[];
    kind: NotificationKind;
    caseId: number;
    caseNo: string;
    dedupeKey?: string;
    exceptUserId?: string | null;
  },
): Promise<number> {
  const userIds = [...new Set(input.userIds.filter((u): u is string => !!u && u !== input.exceptUserId))];
  if (userIds.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: input.kind,
        caseId: input.caseId,
        caseNo: input.caseNo,
        dedupeKey: input.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId });
  for (const r of inserted) await publish(tx, { type: 'notification', userId: r.userId });
  return inserted.length;
}

/**
 * Tells the portal customer who owns a case that it moved or that staff answered, with the
 * caller's transaction (so it exists exactly when the change does). Nobody is told about their own
 * step, and a customer record without a portal account has nobody to tell. The realtime event
 * wakes the bell in that customer's open pages only.
 */
export async function notifyCustomer(
  tx: Queryable,
  input: {
    customerId: string;
    kind: CustomerNotificationKind;
    caseId: number;
    caseNo: string;
    exceptUserId?: string | null;
  },
): Promise<number> {
  const [owner] = await tx
    .select({ userId: customers.userId })
    .from(customers)
    .where(eq(customers.id, input.customerId));
  const userId = owner?.userId;
  if (!userId || userId === input.exceptUserId) return 0;
  await tx.insert(notifications).values({ userId, kind: input.kind, caseId: input.caseId, caseNo: input.caseNo });
  await publish(tx, { type: 'notification', userId });
  return 1;
}

/** Notifications about the installation rather than a case (backups overdue); they open no case. */
export type SystemNotificationKind = 'backup_overdue' | 'verify_overdue';

/**
 * Notifies people about the installation, with the caller's transaction, once per person and
 * `dedupeKey`. Returns who was notified just now, so a caller that also e-mails them (the backup
 * alert) sends each message once per episode however often it runs.
 */
export async function notifyUsers(
  tx: Queryable,
  input: { userIds: string[]; kind: SystemNotificationKind; dedupeKey: string },
): Promise<string[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  const inserted = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: input.kind, dedupeKey: input.dedupeKey })))
    .onConflictDoNothing()
    .returning({ userId: notifications.userId });
  for (const r of inserted) await publish(tx, { type: 'notification', userId: r.userId });
  return inserted.map((r) => r.userId);
}

export async function listNotifications({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { cursor?: string | null; limit?: number };
}): Promise<Page<NotificationDto> & { unread: number }> {
  const actor = authorize(ctx.actor, 'read:notification:own');
  const db = await getDb();
  const limit = Math.min(input.limit ?? 20, 50);
  const keyset = newestFirst(notifications.createdAt, notifications.id, input.cursor);
  // The case's status now, read through the case access filter: a notification never shows more
  // of a case than its reader may see (e.g. after records were merged away from them).
  const visibleCase = can(actor, 'read:case:any') || can(actor, 'read:case:own') ? caseAccessWhere(actor) : sql`false`;
  const [rows, [unread]] = await Promise.all([
    db
      .select({ row: notifications, key: keyset.key, caseStatus: cases.status })
      .from(notifications)
      .leftJoin(cases, and(eq(cases.id, notifications.caseId), visibleCase))
      .where(and(eq(notifications.userId, actor.userId), keyset.where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
  ]);
  const page = toPage(rows, limit, (r) => keyset.cursorOf({ key: r.key, id: r.row.id }));
  return {
    unread: Number(unread?.n ?? 0),
    nextCursor: page.nextCursor,
    items: page.items.map(({ row: r, caseStatus }) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      caseNo: r.caseNo,
      caseStatus: caseStatus ?? null,
      createdAt: r.createdAt.toISOString(),
      read: !!r.readAt,
    })),
  };
}

export const MarkReadInput = z.object({
  ids: z.array(z.coerce.number().int().positive()).max(100).optional(),
  all: z.boolean().optional(),
});

/** Marks the caller's own notifications read (some, or all). Never touches anyone else's. */
export async function markNotificationsRead({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<number> {
  const actor = authorize(ctx.actor, 'read:notification:own');
  const data = parseInput(MarkReadInput, input);
  if (!data.all && !data.ids?.length) return 0;
  return transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.userId, actor.userId),
          isNull(notifications.readAt),
          data.all ? undefined : inArray(notifications.id, data.ids!),
        ),
      )
      .returning({ id: notifications.id });
    // The person's other tabs update their bells too.
    if (updated.length) await publish(tx, { type: 'notification', userId: actor.userId });
    if (updated.length)
      await recordAudit(tx, ctx, {
        action: 'notification.read',
        entityType: 'user',
        entityId: actor.userId,
        after: { count: updated.length },
      });
    return updated.length;
  });
}
