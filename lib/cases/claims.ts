import 'server-only';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { caseItems, cases } from '@/db/schema';
import { COMPLETED_STATUSES } from './workflow';

/**
 * Quantities of an order's lines held by its cases still in progress, by order item id. Finished
 * cases no longer hold items: a completed refund is already counted in the line's refunded
 * quantity. The request form and case opening both subtract these, so the form never offers what
 * opening would refuse.
 */
export async function openClaimsByItem(db: Db | Tx, orderId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ orderItemId: caseItems.orderItemId, qty: sql<number>`sum(${caseItems.quantity})::int` })
    .from(caseItems)
    .innerJoin(cases, eq(cases.id, caseItems.caseId))
    .where(and(eq(cases.orderId, orderId), notInArray(cases.status, ['closed', 'cancelled', ...COMPLETED_STATUSES])))
    .groupBy(caseItems.orderItemId);
  return new Map(rows.map((r) => [r.orderItemId, Number(r.qty)]));
}
