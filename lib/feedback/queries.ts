import 'server-only';
import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { newestFirst } from '@/db/keyset';
import {
  cases,
  customers,
  feedback,
  feedbackTagLinks,
  orderItems,
  orders,
  products,
  surveys,
  users,
} from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { toPage, type Page } from '@/lib/pagination';
import { parseInput } from '@/lib/validation';
import { isFreeKind, ListFeedbackInput, type FeedbackKind, type FeedbackStatus, type ScoreBand } from './schemas';

export type FeedbackListItem = {
  id: number;
  kind: FeedbackKind;
  score: number | null;
  comment: string;
  status: FeedbackStatus;
  categoryId: string | null;
  tagIds: string[];
  customerName: string;
  orderNo: string | null;
  productName: string | null;
  ownerName: string | null;
  caseNo: string | null;
  followUpCaseNo: string | null;
  followUpDueAt: Date | null;
  createdAt: Date;
  version: number;
};

export type FeedbackDetail = FeedbackListItem & {
  classifiedBy: string | null;
  ownerId: string | null;
  productId: string | null;
  agentName: string | null;
  followUpNote: string | null;
  orderStatus: string | null;
  orderTotalCents: number | null;
  orderCurrency: string | null;
  caseStatus: string | null;
  caseType: string | null;
  customerEmail: string | null;
  /** The SKU of the product it is about. */
  productSku: string | null;
  /** Where an imported review came from (`<channel>:<review id>` or a digest), else null. */
  externalRef: string | null;
  updatedAt: Date;
};

/** CSAT or review stars 1–2 or NPS 0–6 is low; 3 or 7–8 mid; 4–5 or 9–10 high (as scoreBand). */
export function scoreBandWhere(band: ScoreBand): SQL {
  const { kind, score } = feedback;
  const fiveStar = sql`${kind} in ('csat', 'review')`;
  if (band === 'low') return sql`((${fiveStar} and ${score} <= 2) or (${kind} = 'nps' and ${score} <= 6))`;
  if (band === 'mid') return sql`((${fiveStar} and ${score} = 3) or (${kind} = 'nps' and ${score} between 7 and 8))`;
  return sql`((${fiveStar} and ${score} >= 4) or (${kind} = 'nps' and ${score} >= 9))`;
}

const ratedCase = aliasedTable(cases, 'rated_case');
const followCase = aliasedTable(cases, 'follow_case');
const owner = aliasedTable(users, 'owner');
const agent = aliasedTable(users, 'agent');

const listColumns = {
  id: feedback.id,
  kind: feedback.kind,
  score: feedback.score,
  comment: sql<string>`left(${feedback.comment}, 280)`,
  status: feedback.status,
  categoryId: feedback.categoryId,
  tagIds: sql<
    string[]
  >`coalesce((select array_agg(l.tag_id::text order by l.tag_id) from ${feedbackTagLinks} l where l.feedback_id = ${feedback.id}), '{}')`,
  customerName: customers.name,
  orderNo: orders.orderNo,
  productName: products.name,
  ownerName: owner.name,
  caseNo: ratedCase.caseNo,
  followUpCaseNo: followCase.caseNo,
  followUpDueAt: feedback.followUpDueAt,
  createdAt: feedback.createdAt,
  version: feedback.version,
};

/** The desk inbox: every filter has an index ending in (created_at, id); newest first, keyset pages. */
export async function listFeedback({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Page<FeedbackListItem>> {
  const actor = authorize(ctx.actor, 'read:feedback:any');
  const f = parseInput(ListFeedbackInput, input ?? {});
  const tz = env().SHOP_TIMEZONE;
  const page = newestFirst(feedback.createdAt, feedback.id, f.cursor);
  const where: (SQL | undefined)[] = [page.where];
  if (f.kind) where.push(eq(feedback.kind, f.kind));
  if (f.band) where.push(scoreBandWhere(f.band));
  if (f.status) where.push(eq(feedback.status, f.status));
  if (f.categoryId) where.push(eq(feedback.categoryId, f.categoryId));
  else if (f.uncategorized) where.push(isNull(feedback.categoryId));
  if (f.tagId)
    where.push(
      sql`exists (select 1 from ${feedbackTagLinks} l where l.feedback_id = ${feedback.id} and l.tag_id = ${f.tagId})`,
    );
  if (f.productId) where.push(eq(feedback.productId, f.productId));
  if (f.mine) where.push(eq(feedback.ownerId, actor.userId));
  if (f.from) where.push(gte(feedback.createdAt, sql`(${f.from}::date)::timestamp at time zone ${tz}`));
  if (f.to) where.push(lt(feedback.createdAt, sql`((${f.to}::date) + 1)::timestamp at time zone ${tz}`));
  const db = await getDb();
  const rows = await db
    .select({ ...listColumns, key: page.key })
    .from(feedback)
    .innerJoin(customers, eq(customers.id, feedback.customerId))
    .leftJoin(orders, eq(orders.id, feedback.orderId))
    .leftJoin(products, eq(products.id, feedback.productId))
    .leftJoin(owner, eq(owner.id, feedback.ownerId))
    .leftJoin(ratedCase, eq(ratedCase.id, feedback.caseId))
    .leftJoin(followCase, eq(followCase.id, feedback.followUpCaseId))
    .where(and(...where))
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(f.limit + 1);
  const out = toPage(rows, f.limit, page.cursorOf);
  return { items: out.items.map(({ key: _key, ...item }) => item), nextCursor: out.nextCursor };
}

/** One piece of feedback with what it is about, for the desk. */
export async function getFeedback({ ctx, input }: { ctx: Ctx; input: { id: number } }): Promise<FeedbackDetail> {
  authorize(ctx.actor, 'read:feedback:any');
  const id = Number(input.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('feedback');
  const db = await getDb();
  const [row] = await db
    .select({
      ...listColumns,
      comment: feedback.comment,
      classifiedBy: feedback.classifiedBy,
      ownerId: feedback.ownerId,
      productId: feedback.productId,
      agentName: agent.name,
      followUpNote: feedback.followUpNote,
      orderStatus: orders.status,
      orderTotalCents: orders.totalCents,
      orderCurrency: orders.currency,
      caseStatus: ratedCase.status,
      caseType: ratedCase.type,
      customerEmail: customers.email,
      productSku: products.sku,
      externalRef: feedback.externalRef,
      updatedAt: feedback.updatedAt,
    })
    .from(feedback)
    .innerJoin(customers, eq(customers.id, feedback.customerId))
    .leftJoin(orders, eq(orders.id, feedback.orderId))
    .leftJoin(products, eq(products.id, feedback.productId))
    .leftJoin(owner, eq(owner.id, feedback.ownerId))
    .leftJoin(agent, eq(agent.id, feedback.agentId))
    .leftJoin(ratedCase, eq(ratedCase.id, feedback.caseId))
    .leftJoin(followCase, eq(followCase.id, feedback.followUpCaseId))
    .where(eq(feedback.id, id));
  if (!row) throw new NotFoundError('feedback');
  return { ...row, orderTotalCents: row.orderTotalCents === null ? null : Number(row.orderTotalCents) };
}

export type OwnFeedback = {
  id: number;
  kind: FeedbackKind;
  score: number | null;
  comment: string;
  status: FeedbackStatus;
  orderNo: string | null;
  productId: string | null;
  productName: string | null;
  caseNo: string | null;
  editable: boolean;
  createdAt: Date;
  version: number;
};

/** A customer's own feedback and survey answers, newest first (portal). */
export async function listOwnFeedback({
  ctx,
  input,
}: {
  ctx: Ctx;
  input?: { cursor?: string };
}): Promise<Page<OwnFeedback>> {
  const actor = authorize(ctx.actor, 'read:feedback:own');
  const page = newestFirst(feedback.createdAt, feedback.id, input?.cursor);
  const limit = 20;
  const db = await getDb();
  const rows = await db
    .select({
      id: feedback.id,
      kind: feedback.kind,
      score: feedback.score,
      comment: feedback.comment,
      status: feedback.status,
      orderNo: orders.orderNo,
      productId: feedback.productId,
      productName: products.name,
      caseNo: ratedCase.caseNo,
      createdAt: feedback.createdAt,
      version: feedback.version,
      key: page.key,
    })
    .from(feedback)
    .innerJoin(customers, eq(customers.id, feedback.customerId))
    .leftJoin(orders, eq(orders.id, feedback.orderId))
    .leftJoin(products, eq(products.id, feedback.productId))
    .leftJoin(ratedCase, eq(ratedCase.id, feedback.caseId))
    .where(and(eq(customers.userId, actor.userId), page.where))
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(limit + 1);
  const out = toPage(rows, limit, page.cursorOf);
  return {
    // Only free feedback is the customer's to edit: survey answers are final, reviews came from a channel.
    items: out.items.map(({ key: _key, ...r }) => ({ ...r, editable: r.status === 'new' && isFreeKind(r.kind) })),
    nextCursor: out.nextCursor,
  };
}

/** The customer's own orders and the products in them, to say what feedback is about. */
export async function feedbackSubjects({ ctx }: { ctx: Ctx }): Promise<{
  orders: { orderNo: string; placedAt: Date }[];
  products: { id: string; name: string; orderNos: string[] }[];
}> {
  const actor = authorize(ctx.actor, 'create:feedback:own');
  const db = await getDb();
  const own = await db
    .select({ id: orders.id, orderNo: orders.orderNo, placedAt: orders.placedAt })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(eq(customers.userId, actor.userId), isNull(orders.deletedAt)))
    .orderBy(desc(orders.placedAt))
    .limit(100);
  if (!own.length) return { orders: [], products: [] };
  const lines = await db
    .select({ id: products.id, name: products.name, orderNo: orders.orderNo })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      inArray(
        orderItems.orderId,
        own.map((o) => o.id),
      ),
    )
    .orderBy(asc(products.name));
  const byProduct = new Map<string, { id: string; name: string; orderNos: string[] }>();
  for (const l of lines) {
    const p = byProduct.get(l.id) ?? { id: l.id, name: l.name, orderNos: [] };
    if (!p.orderNos.includes(l.orderNo)) p.orderNos.push(l.orderNo);
    byProduct.set(l.id, p);
  }
  return { orders: own.map(({ orderNo, placedAt }) => ({ orderNo, placedAt })), products: [...byProduct.values()] };
}

/** The feedback a case came from, and the CSAT answers about it: the case side of the two-way link. */
export async function feedbackForCase({ ctx, input }: { ctx: Ctx; input: { caseId: number } }) {
  authorize(ctx.actor, 'read:feedback:any');
  const db = await getDb();
  return db
    .select({
      id: feedback.id,
      kind: feedback.kind,
      score: feedback.score,
      status: feedback.status,
      fromThisCase: sql<boolean>`${feedback.followUpCaseId} = ${input.caseId}`,
    })
    .from(feedback)
    .where(or(eq(feedback.followUpCaseId, input.caseId), eq(feedback.caseId, input.caseId)))
    .orderBy(asc(feedback.createdAt))
    .limit(20);
}

/** Whether a case's CSAT survey is open, answered or absent, for the customer's case page. */
export async function csatForOwnCase({ ctx, input }: { ctx: Ctx; input: { caseNo: string } }) {
  const actor = authorize(ctx.actor, 'read:feedback:own');
  const db = await getDb();
  const [row] = await db
    .select({
      id: surveys.id,
      expiresAt: surveys.expiresAt,
      answeredAt: surveys.answeredAt,
      score: feedback.score,
      comment: feedback.comment,
    })
    .from(surveys)
    .innerJoin(cases, eq(cases.id, surveys.caseId))
    .innerJoin(customers, eq(customers.id, surveys.customerId))
    .leftJoin(feedback, eq(feedback.surveyId, surveys.id))
    .where(
      and(eq(surveys.kind, 'csat'), eq(cases.caseNo, input.caseNo.toUpperCase()), eq(customers.userId, actor.userId)),
    );
  return row ?? null;
}
