import 'server-only';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, orders } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { caseAccessWhere } from './policy';
import { COMPLETED_STATUSES, type CaseStatus, type CaseType } from './workflow';

/** How many open requests the portal home lists before "view all". */
export const HOME_CASES_LIMIT = 5;

export type HomeCaseDto = {
  caseNo: string;
  orderNo: string;
  type: CaseType;
  status: CaseStatus;
  updatedAt: string;
  /** The customer has something to do (send the goods back, answer a question). */
  waitingForCustomer: boolean;
};

const NOT_OPEN: CaseStatus[] = [...COMPLETED_STATUSES, 'closed', 'cancelled'];
const CUSTOMER_TURN: ReadonlySet<CaseStatus> = new Set(['awaiting_return', 'pending_customer']);

/**
 * The customer's requests still in progress, those waiting for them first, then the most recently
 * moved: what the portal home shows so that a customer sees at once where each request stands.
 */
export async function listOpenCasesForHome({ ctx }: { ctx: Ctx }): Promise<{ items: HomeCaseDto[]; more: boolean }> {
  authorize(ctx.actor, 'read:case:own');
  const db = await getDb();
  // A customer has a handful of cases: read them through cases_customer_idx and order here.
  const rows = await db
    .select({
      caseNo: cases.caseNo,
      orderNo: orders.orderNo,
      type: cases.type,
      status: cases.status,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(orders, eq(orders.id, cases.orderId))
    .where(and(caseAccessWhere(ctx.actor), notInArray(cases.status, NOT_OPEN)))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(200);
  const items = rows
    .map((r) => ({
      caseNo: r.caseNo,
      orderNo: r.orderNo,
      type: r.type,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
      waitingForCustomer: CUSTOMER_TURN.has(r.status),
    }))
    .sort((a, b) => Number(b.waitingForCustomer) - Number(a.waitingForCustomer));
  return { items: items.slice(0, HOME_CASES_LIMIT), more: items.length > HOME_CASES_LIMIT };
}
