import 'server-only';
import { ListCasesInput, QUEUES, type Queue } from './schemas';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { cases, orders, users } from '@/db/schema';
import { authorize, can, rolesWith, type Actor } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { decodeCursor, toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import { loadCaseDetail } from './detail-load';
import { paidUnitCents } from './price-protection';
import type { CaseDetailDto, CaseListItemDto } from './dto';
import { actorKind, caseAccess, caseAccessSql, caseAccessWhere, type CaseAccess } from './policy';
import {
  CASES_PAGE_SIZE,
  caseListQuery,
  isPlainQueue,
  listQueuePage,
  queueWhere,
  sortWhere,
  type CaseFilters,
} from './queue';
import { availableActions } from './workflow';

// The queue names stay importable from here for the pages.
export { QUEUES, type Queue };

export { CASES_PAGE_SIZE };

/** Any filter beyond the queue (the hot shapes are prepared in queue.ts). */
function filteredWhere(f: CaseFilters, actor: Actor, access: CaseAccess, after: (string | number)[] | null) {
  // The queues hold open cases; asking for a status (e.g. closed) or a period (a report's
  // drill-down) in "all" looks beyond them.
  const queue = (f.status || f.from || f.to) && f.queue === 'all' ? undefined : queueWhere(f.queue, actor.userId);
  const where: (SQL | undefined)[] = [
    caseAccessSql(access.kind, access.kind === 'own' ? access.userId : undefined),
    access.kind === 'any' ? queue : undefined,
  ];
  if (f.status) where.push(eq(cases.status, f.status));
  if (f.type) where.push(eq(cases.type, f.type));
  if (f.priority) where.push(eq(cases.priority, f.priority));
  if (f.q) where.push(sql`(${cases.caseNo} = ${f.q.toUpperCase()} or ${orders.orderNo} = ${f.q.toUpperCase()})`);
  const tz = env().SHOP_TIMEZONE;
  if (f.from) where.push(sql`${cases.createdAt} >= (${f.from}::date)::timestamp at time zone ${tz}`);
  if (f.to) where.push(sql`${cases.createdAt} < ((${f.to}::date) + 1)::timestamp at time zone ${tz}`);
  if (f.reason) where.push(eq(cases.reason, f.reason));
  if (f.teamId) where.push(eq(cases.teamId, f.teamId));
  // The report dimensions kept on the case (order channel, main product and its category): the
  // same attribution as the reports' rollups.
  if (f.channel) where.push(eq(cases.orderChannel, f.channel));
  if (f.productId) where.push(eq(cases.mainProductId, f.productId));
  if (f.category) where.push(eq(cases.mainCategory, f.category));
  where.push(...sortWhere(f.sort, after ? { at: after[0], id: after[1] } : null));
  return where;
}

/** Staff queues (and a customer's own cases): newest first, keyset paged. */
export async function listCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<CaseListItemDto>> {
  const access = caseAccess(ctx.actor);
  const f = parseInput(ListCasesInput, input);
  const after = decodeCursor(f.cursor, ['string', 'number']);
  const db = await getDb();
  const rows = isPlainQueue(f)
    ? await listQueuePage(db, ctx.actor!, access, f.queue, f.sort, after)
    : await caseListQuery(db, filteredWhere(f, ctx.actor!, access, after), f.sort);
  const page = toPage(rows, CASES_PAGE_SIZE, (r) => [r.sortKey, r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      caseNo: r.caseNo,
      orderNo: r.orderNo,
      type: r.type,
      status: r.status,
      priority: r.priority,
      customerName: r.customerName,
      assigneeName: r.assigneeName,
      createdAt: r.createdAt.toISOString(),
      dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
      escalated: r.escalated,
    })),
  };
}

/** Tabs show exact counts up to this; beyond it "999+" says enough and keeps counting cheap. */
export const COUNT_CAP = 999;

/**
 * Case counts per queue for the queue tabs, in one round trip. Each count reads at most
 * COUNT_CAP + 1 index entries (a LIMIT inside), so the tabs cost the same at 300k cases as at 300.
 */
export async function countQueues({ ctx }: { ctx: Ctx }): Promise<Record<Queue, number>> {
  const access = caseAccessWhere(ctx.actor);
  const userId = ctx.actor!.userId;
  const db = await getDb();
  const capped = (q: Queue) =>
    sql<number>`(select count(*)::int from (select 1 from ${cases} where ${and(access, queueWhere(q, userId))} limit ${COUNT_CAP + 1}) t)`;
  const [row] = rowsOf<Record<Queue, number>>(
    await db.execute(
      sql`select ${capped('mine')} as mine, ${capped('unassigned')} as unassigned, ${capped('team')} as team, ${capped('due_soon')} as due_soon, ${capped('breached')} as breached, ${capped('all')} as "all"`,
    ),
  );
  return Object.fromEntries(QUEUES.map((q) => [q, Number(row?.[q] ?? 0)])) as Record<Queue, number>;
}

export async function getCase({ ctx, input }: { ctx: Ctx; input: { caseNo: unknown } }): Promise<CaseDetailDto> {
  const access = caseAccessWhere(ctx.actor);
  const caseNo = parseInput(z.string().trim().min(1).max(40), input.caseNo).toUpperCase();
  const staff = can(ctx.actor, 'read:case:any');
  const row = await loadCaseDetail(await getDb(), access, caseNo, staff);
  if (!row) throw new NotFoundError('case');
  const { items, messages, events, files, compensations, history: customerHistory } = row;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const c = row.c;
  return {
    id: c.id,
    caseNo: c.caseNo,
    version: c.version,
    type: c.type,
    reason: c.reason as CaseDetailDto['reason'],
    description: c.description,
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    escalated: c.escalated,
    policyCode: c.policyCode,
    policyUntil: c.policyUntil,
    policyOverrideReason: staff ? c.policyOverrideReason : null,
    assignee: c.assigneeId && row.assigneeName ? { id: c.assigneeId, name: row.assigneeName } : null,
    refundCents: Number(c.refundCents),
    currency: c.currency,
    returnCarrier: c.returnCarrier,
    returnTrackingNo: c.returnTrackingNo,
    replacement:
      c.replacementCarrier && c.replacementTrackingNo
        ? { carrier: c.replacementCarrier, trackingNo: c.replacementTrackingNo, shippedAt: iso(c.replacementShippedAt) }
        : null,
    compensationCents: Number(c.compensationCents),
    compensations,
    returnFreight:
      staff && c.returnFreightPayer ? { payer: c.returnFreightPayer, cents: Number(c.returnFreightCents) } : null,
    createdAt: c.createdAt.toISOString(),
    dues: {
      firstResponse: iso(c.firstResponseDueAt),
      decision: iso(c.decisionDueAt),
      refund: iso(c.refundDueAt),
      resolution: iso(c.resolutionDueAt),
    },
    respondedAt: iso(c.firstRespondedAt),
    decidedAt: iso(c.decidedAt),
    completedAt: iso(c.completedAt),
    pausedSince: iso(c.pausedSince),
    order: {
      orderNo: row.o.orderNo,
      status: row.o.status,
      totalCents: Number(row.o.totalCents),
      refundedCents: Number(row.o.refundedCents),
      placedAt: row.o.placedAt.toISOString(),
      deliveredAt: iso(row.o.deliveredAt),
      customerName: row.customerName,
    },
    items: items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      refundCents: Number(i.refundCents),
      paidUnitCents: paidUnitCents({ lineTotalCents: Number(i.lineTotalCents), quantity: i.lineQuantity }),
      claimedUnitCents: i.claimedUnitCents === null ? null : Number(i.claimedUnitCents),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      at: m.createdAt.toISOString(),
      authorLabel: m.authorLabel,
      authorKind: m.authorKind,
      body: m.body,
      internal: m.internal,
    })),
    attachments: files,
    history: customerHistory
      ? {
          customerId: c.customerId,
          orders: Number(customerHistory[1][0]?.n ?? 0),
          cases: customerHistory[0].map((h) => ({
            caseNo: h.caseNo,
            type: h.type,
            status: h.status,
            createdAt: h.createdAt.toISOString(),
          })),
        }
      : null,
    events: events.map(({ e, actorName, assigneeName }) => {
      // Rows without an actor id are the system's, except older or imported ones labelled by hand.
      const actorKind = e.actorId
        ? e.actorId === row.customerUserId
          ? 'customer'
          : 'staff'
        : e.actorLabel === 'customer'
          ? 'customer'
          : e.actorLabel === 'system'
            ? 'system'
            : 'staff';
      return {
        id: e.id,
        at: e.at.toISOString(),
        // Customers see who acted as "you" or "customer service", never a colleague's address.
        actorLabel: staff && actorKind !== 'system' ? (actorName ?? e.actorLabel) : '',
        actorKind,
        kind: e.kind,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.kind === 'assigned' ? assigneeName : e.note,
        public: e.public,
      };
    }),
    actions: availableActions(c.type, c.status, actorKind(ctx.actor!), c.appealUsed),
  };
}

/** Staff who can take cases (for the assignee picker and bulk assignment), available first. */
export async function listAssignees({
  ctx,
}: {
  ctx: Ctx;
}): Promise<{ id: string; name: string; available: boolean }[]> {
  authorize(ctx.actor, 'update:case:any');
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, available: users.available })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, rolesWith('update:case:any'))))
    .orderBy(desc(users.available), asc(users.name))
    .limit(500);
}

/** The cases of one order (for the order page), through the same access rules. */
export async function listOrderCases({ ctx, input }: { ctx: Ctx; input: { orderNo: string } }) {
  const access = caseAccessWhere(ctx.actor);
  const db = await getDb();
  return db
    .select({
      caseNo: cases.caseNo,
      type: cases.type,
      status: cases.status,
      createdAt: cases.createdAt,
      refundCents: cases.refundCents,
    })
    .from(cases)
    .innerJoin(orders, eq(orders.id, cases.orderId))
    .where(and(eq(orders.orderNo, input.orderNo.toUpperCase()), access))
    .orderBy(desc(cases.createdAt));
}

// The request form's preview lives in request-preview.ts; pages import it from here too.
export { previewCasePolicy } from './request-preview';
