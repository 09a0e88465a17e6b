import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { cases, orders } from '@/db/schema';
import { publish } from '@/lib/realtime/publish';

/** Tells open pages (desk queue, case page, the customer's portal) that a case changed, on commit. */
export async function announceCase(tx: Tx, caseId: number): Promise<void> {
  const [row] = await tx
    .select({
      caseNo: cases.caseNo,
      status: cases.status,
      version: cases.version,
      customerId: cases.customerId,
      orderNo: orders.orderNo,
    })
    .from(cases)
    .innerJoin(orders, eq(orders.id, cases.orderId))
    .where(eq(cases.id, caseId));
  if (row) await publish(tx, { type: 'case', ...row });
}
