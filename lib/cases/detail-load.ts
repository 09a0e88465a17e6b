import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { caseEvents, caseItems, caseMessages, cases, customers, orderItems, orders, users } from '@/db/schema';
import { caseAttachments } from '@/lib/attachments';
import { compensationsOfCase } from './compensation';

const assignee = alias(users, 'event_assignee');

/**
 * Everything the case page shows, in one round trip: every read is keyed by the case number (a
 * subquery for the case's id and customer), so none waits for another. Rows of a case the access
 * does not see are read but never returned — the caller refuses when the header is missing.
 * Staff also see who they are dealing with: the customer's other recent cases and order count.
 */
export async function loadCaseDetail(db: Db, access: SQL, caseNo: string, staff: boolean) {
  const caseId = sql`(select ${cases.id} from ${cases} where ${cases.caseNo} = ${caseNo})`;
  const customerId = sql`(select ${cases.customerId} from ${cases} where ${cases.caseNo} = ${caseNo})`;
  const [[header], items, messages, events, files, compensations, history] = await Promise.all([
    db
      .select({
        c: cases,
        o: orders,
        customerName: customers.name,
        customerUserId: customers.userId,
        assigneeName: users.name,
      })
      .from(cases)
      .innerJoin(orders, eq(orders.id, cases.orderId))
      .innerJoin(customers, eq(customers.id, cases.customerId))
      .leftJoin(users, eq(users.id, cases.assigneeId))
      .where(and(eq(cases.caseNo, caseNo), access))
      .limit(1),
    db
      .select({
        sku: orderItems.sku,
        name: orderItems.name,
        quantity: caseItems.quantity,
        refundCents: caseItems.refundCents,
        lineTotalCents: orderItems.lineTotalCents,
        lineQuantity: orderItems.quantity,
        claimedUnitCents: caseItems.claimedUnitCents,
      })
      .from(caseItems)
      .innerJoin(orderItems, eq(orderItems.id, caseItems.orderItemId))
      .where(eq(caseItems.caseId, caseId))
      .orderBy(asc(caseItems.id)),
    db
      .select()
      .from(caseMessages)
      .where(and(eq(caseMessages.caseId, caseId), staff ? undefined : eq(caseMessages.internal, false)))
      .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id)),
    // Who took each step by name (staff see it; e-mail addresses are not names), and for an
    // assignment, whom it went to (the event's note holds the assignee's id).
    db
      .select({ e: caseEvents, actorName: users.name, assigneeName: assignee.name })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorId))
      .leftJoin(assignee, and(eq(caseEvents.kind, 'assigned'), sql`${assignee.id}::text = ${caseEvents.note}`))
      .where(and(eq(caseEvents.caseId, caseId), staff ? undefined : eq(caseEvents.public, true)))
      .orderBy(desc(caseEvents.at), desc(caseEvents.id)),
    caseAttachments(db, caseId, staff),
    compensationsOfCase(db, caseId, staff),
    staff
      ? Promise.all([
          db
            .select({ caseNo: cases.caseNo, type: cases.type, status: cases.status, createdAt: cases.createdAt })
            .from(cases)
            .where(and(eq(cases.customerId, customerId), sql`${cases.caseNo} <> ${caseNo}`))
            .orderBy(desc(cases.createdAt), desc(cases.id))
            .limit(5),
          db
            .select({ n: sql<number>`count(*)::int` })
            .from(orders)
            .where(eq(orders.customerId, customerId)),
        ])
      : Promise.resolve(null),
  ]);
  return header ? { ...header, items, messages, events, files, compensations, history } : null;
}
