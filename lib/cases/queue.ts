import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { PreparedStatements } from '@/db/prepared';
import { cases, customers, orders, teamMembers, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { caseAccessSql, type CaseAccess } from './policy';
import type { ListCasesInput, Queue } from './schemas';
import type { z } from 'zod';

/**
 * The case queues as SQL: which cases each queue holds, the list's columns and order, and its
 * hot shapes (a queue tab, newest/oldest/due first, a page at a time) as prepared statements.
 * Values are bound directly or as placeholders of the same names, so both paths share the SQL.
 */
export const CASES_PAGE_SIZE = 25;

export type CaseFilters = z.output<typeof ListCasesInput>;
export type CaseSort = CaseFilters['sort'];

/** The deadline that matters now (a generated column, see db/schema/cases.ts). */
export const nextDue = cases.nextDueAt;

/** Written literally (not as parameters) so that it matches the partial indexes' predicate. */
const OPEN = sql`${cases.status} not in ('closed', 'cancelled')`;

export function queueWhere(queue: Queue, userId: unknown): SQL | undefined {
  switch (queue) {
    case 'mine':
      return and(OPEN, sql`${cases.assigneeId} = ${userId}`);
    case 'unassigned':
      return and(OPEN, sql`${cases.assigneeId} is null`);
    case 'team':
      return and(
        OPEN,
        sql`${cases.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId})`,
      );
    case 'due_soon':
      return and(OPEN, sql`${cases.pausedSince} is null`, sql`${nextDue} between now() and now() + interval '2 hours'`);
    case 'breached':
      return and(OPEN, sql`${cases.pausedSince} is null`, sql`${nextDue} < now()`);
    default:
      return OPEN;
  }
}

/** The sort's keyset column; "due" lists only cases whose clock is running. */
export const sortKeyOf = (sort: CaseSort) => (sort === 'due' ? nextDue : cases.createdAt);

export function sortWhere(sort: CaseSort, after: { at: unknown; id: unknown } | null): SQL[] {
  const key = sortKeyOf(sort);
  const where: SQL[] = sort === 'due' ? [sql`${nextDue} is not null`, sql`${cases.pausedSince} is null`] : [];
  if (after)
    where.push(
      sort === 'newest'
        ? sql`(${key}, ${cases.id}) < (${after.at}::timestamptz, ${after.id})`
        : sql`(${key}, ${cases.id}) > (${after.at}::timestamptz, ${after.id})`,
    );
  return where;
}

/** The list query for a WHERE and a sort, not yet run (the caller awaits or prepares it). */
export function caseListQuery(db: Db, where: (SQL | undefined)[], sort: CaseSort) {
  const key = sortKeyOf(sort);
  return db
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      orderNo: orders.orderNo,
      type: cases.type,
      status: cases.status,
      priority: cases.priority,
      customerName: customers.name,
      assigneeName: users.name,
      createdAt: cases.createdAt,
      escalated: cases.escalated,
      dueAt: nextDue,
      // The sort key as PostgreSQL writes it, microseconds included: a JS Date would round it to
      // milliseconds and an ascending page would then start again with its own last row.
      sortKey: sql<string>`${key}::text`,
    })
    .from(cases)
    .innerJoin(orders, eq(orders.id, cases.orderId))
    .innerJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(and(...where))
    .orderBy(...(sort === 'newest' ? [desc(key), desc(cases.id)] : [asc(key), asc(cases.id)]))
    .limit(CASES_PAGE_SIZE + 1);
}

/** Whether only the queue and the sort shape the list: a prepared shape. */
export function isPlainQueue(f: CaseFilters): boolean {
  return (
    !f.status &&
    !f.type &&
    !f.priority &&
    !f.q &&
    !f.from &&
    !f.to &&
    !f.reason &&
    !f.teamId &&
    !f.channel &&
    !f.productId &&
    !f.category
  );
}

const placeholder = sql.placeholder;

const QUEUE = new PreparedStatements((db: Db, key: string) => {
  const [kind, queue, sort, page] = key.split(':') as [CaseAccess['kind'], Queue | 'own', CaseSort, string];
  const after = page === 'later' ? { at: placeholder('afterAt'), id: placeholder('afterId') } : null;
  const where = [
    caseAccessSql(kind, placeholder('userId')),
    queue === 'own' ? undefined : queueWhere(queue, placeholder('userId')),
    ...sortWhere(sort, after),
  ];
  return caseListQuery(db, where, sort).prepare(`case_queue_${key.replaceAll(':', '_')}`);
});

/** A queue tab (staff) or a customer's own cases, in a sort, a page at a time. */
export function listQueuePage(
  db: Db,
  actor: Actor,
  access: CaseAccess,
  queue: Queue,
  sort: CaseSort,
  after: (string | number)[] | null,
) {
  const key = `${access.kind}:${access.kind === 'any' ? queue : 'own'}:${sort}:${after ? 'later' : 'first'}`;
  return QUEUE.get(db, key).execute({ userId: actor.userId, afterAt: after?.[0] ?? null, afterId: after?.[1] ?? null });
}
