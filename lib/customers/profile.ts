import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { cases, customerExternalIds, customerNotes, customers, feedback, orders, shopSettings } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { CustomerFiguresDto, CustomerProfileDto } from './dto';
import { maskEmail } from './mask';
import { CustomerIdInput } from './schemas';

/** How many of each list the profile shows; the rest is one link away. */
export const PROFILE_LIST_SIZE = 20;
const NOTES_SHOWN = 50;
const SURVEY_ANSWERS_SHOWN = 100;

/** Statuses of orders that never became a sale: left out of GMV, as in lib/analytics/dashboard/orders.ts. */
const NOT_SOLD = sql`('cancelled', 'closed', 'pending_payment')`;

type FigureRow = { orders: number; gmv: string; refunded: string; delivered: number };
type FeedbackRow = {
  total: number;
  csat_n: number;
  csat_good: number;
  nps_n: number;
  nps_pro: number;
  nps_det: number;
};

/**
 * A customer's lifetime figures, defined as the reports define them: GMV from paid orders' totals;
 * the after-sales rate as cases opened per delivered order (lib/analytics/dashboard/after-sales.ts:
 * every case counts as opened, deliveries are live orders with a delivery time); CSAT% = 4–5 of
 * all CSAT answers; NPS = % promoters (9–10) − % detractors (0–6). Three aggregates over the
 * customer's rows through the (customer_id, …) indexes.
 */
export async function customerFigures(
  db: Queryable,
  id: string,
): Promise<{ figures: CustomerFiguresDto; feedbackTotal: number }> {
  const [o, c, f, s] = await Promise.all([
    db.execute(sql`
      select count(*)::int as orders, coalesce(sum(total_cents) filter (where status not in ${NOT_SOLD}), 0)::text as gmv,
        coalesce(sum(refunded_cents), 0)::text as refunded, count(*) filter (where delivered_at is not null)::int as delivered
      from ${orders} where customer_id = ${id} and deleted_at is null`),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.customerId, id)),
    db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where kind = 'csat' and score is not null)::int as csat_n, count(*) filter (where kind = 'csat' and score >= 4)::int as csat_good,
        count(*) filter (where kind = 'nps' and score is not null)::int as nps_n, count(*) filter (where kind = 'nps' and score >= 9)::int as nps_pro,
        count(*) filter (where kind = 'nps' and score <= 6)::int as nps_det
      from ${feedback} where customer_id = ${id}`),
    db.select({ currency: shopSettings.currency }).from(shopSettings).where(eq(shopSettings.id, 1)),
  ]);
  const or = rowsOf<FigureRow>(o)[0]!;
  const fr = rowsOf<FeedbackRow>(f)[0]!;
  const casesOpened = Number(c[0]?.n ?? 0);
  const delivered = Number(or.delivered);
  const pct = (part: number, whole: number) => (whole ? (part / whole) * 100 : null);
  return {
    feedbackTotal: Number(fr.total),
    figures: {
      orders: Number(or.orders),
      gmvCents: Number(or.gmv),
      refundedCents: Number(or.refunded),
      deliveredOrders: delivered,
      casesOpened,
      afterSalesRate: pct(casesOpened, delivered),
      currency: s[0]?.currency ?? 'CNY',
      csat: {
        answered: Number(fr.csat_n),
        good: Number(fr.csat_good),
        percent: pct(Number(fr.csat_good), Number(fr.csat_n)),
      },
      nps: {
        answered: Number(fr.nps_n),
        promoters: Number(fr.nps_pro),
        detractors: Number(fr.nps_det),
        score: fr.nps_n ? ((Number(fr.nps_pro) - Number(fr.nps_det)) / Number(fr.nps_n)) * 100 : null,
      },
    },
  };
}

/**
 * One customer's profile for staff: masked contacts, channel ids, tags, notes, the latest orders,
 * cases and feedback (20 each), CSAT/NPS answers over time and the lifetime figures. Every list is
 * bounded and read through a (customer_id, time) index; the queries run in parallel.
 */
export async function getCustomerProfile({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CustomerProfileDto> {
  authorize(ctx.actor, 'read:customer:any');
  const { id } = parseInput(CustomerIdInput, input);
  const db = await getDb();
  const [c] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  if (!c) throw new NotFoundError('customer');
  const [ext, notes, orderRows, caseRows, feedbackRows, answers, figures] = await Promise.all([
    db
      .select({
        channel: customerExternalIds.channel,
        externalId: customerExternalIds.externalId,
        createdAt: customerExternalIds.createdAt,
      })
      .from(customerExternalIds)
      .where(eq(customerExternalIds.customerId, id))
      .orderBy(asc(customerExternalIds.channel), asc(customerExternalIds.externalId))
      .limit(100),
    db
      .select({
        id: customerNotes.id,
        authorLabel: customerNotes.authorLabel,
        body: customerNotes.body,
        createdAt: customerNotes.createdAt,
      })
      .from(customerNotes)
      .where(eq(customerNotes.customerId, id))
      .orderBy(desc(customerNotes.createdAt), desc(customerNotes.id))
      .limit(NOTES_SHOWN),
    db
      .select({
        orderNo: orders.orderNo,
        channel: orders.channel,
        status: orders.status,
        totalCents: orders.totalCents,
        currency: orders.currency,
        placedAt: orders.placedAt,
      })
      .from(orders)
      .where(and(eq(orders.customerId, id), sql`${orders.deletedAt} is null`))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(PROFILE_LIST_SIZE),
    db
      .select({
        caseNo: cases.caseNo,
        type: cases.type,
        status: cases.status,
        orderNo: orders.orderNo,
        createdAt: cases.createdAt,
      })
      .from(cases)
      .innerJoin(orders, eq(orders.id, cases.orderId))
      .where(eq(cases.customerId, id))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(PROFILE_LIST_SIZE),
    db
      .select({
        id: feedback.id,
        kind: feedback.kind,
        score: feedback.score,
        comment: feedback.comment,
        status: feedback.status,
        createdAt: feedback.createdAt,
      })
      .from(feedback)
      .where(eq(feedback.customerId, id))
      .orderBy(desc(feedback.createdAt), desc(feedback.id))
      .limit(PROFILE_LIST_SIZE),
    db
      .select({ kind: feedback.kind, score: feedback.score, at: feedback.createdAt })
      .from(feedback)
      .where(
        and(eq(feedback.customerId, id), inArray(feedback.kind, ['csat', 'nps']), sql`${feedback.score} is not null`),
      )
      .orderBy(desc(feedback.createdAt), desc(feedback.id))
      .limit(SURVEY_ANSWERS_SHOWN),
    customerFigures(db, id),
  ]);
  return {
    id: c.id,
    name: c.name,
    phoneMasked: c.phoneMasked,
    emailMasked: maskEmail(c.email),
    region: c.region,
    hasAddress: !!c.addressEnc,
    hasPhone: !!c.phoneEnc,
    hasEmail: !!c.email,
    tags: c.tags,
    version: c.version,
    hasAccount: !!c.userId,
    createdAt: c.createdAt.toISOString(),
    externalIds: ext.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    orders: orderRows.map((o) => ({ ...o, totalCents: Number(o.totalCents), placedAt: o.placedAt.toISOString() })),
    cases: caseRows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    // The list shows an excerpt; the feedback page has the whole comment.
    feedback: feedbackRows.map((r) => ({
      ...r,
      comment: r.comment.length > 200 ? `${r.comment.slice(0, 200)}…` : r.comment,
      createdAt: r.createdAt.toISOString(),
    })),
    feedbackTotal: figures.feedbackTotal,
    surveyAnswers: answers
      .map((a) => ({ kind: a.kind as 'csat' | 'nps', score: a.score!, at: a.at.toISOString() }))
      .reverse(),
    figures: figures.figures,
  };
}
