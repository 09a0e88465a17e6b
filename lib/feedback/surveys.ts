import 'server-only';
import { publicUrl } from '@/lib/env/public-url';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { caseItems, cases, customers, orderItems, orders, surveys } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { surveyTokenKey, surveyTokenKeys } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { customerRecipient, renderCustomerMail } from '@/lib/mail/customer';
import { queueEmail } from '@/lib/mail/outbox';
import { notifyStaff } from '@/lib/notifications';
import { parseInput } from '@/lib/validation';
import { SurveyAnswerInput } from './schemas';
import { loadFeedbackSettings } from './taxonomy';
import { signSurveyToken, verifySurveyToken } from './token';
import { insertFeedback } from './write';
import { dateTimeFormat } from '@/lib/intl';

export type SurveyKind = 'csat' | 'nps';
export type SurveyView = {
  id: string;
  kind: SurveyKind;
  caseNo: string | null;
  orderNo: string | null;
  expiresAt: Date;
  answeredAt: Date | null;
};

const DAY = 86_400_000;
const SCORE_RANGE: Record<SurveyKind, [number, number]> = { csat: [1, 5], nps: [0, 10] };

export function surveyLink(survey: { id: string; expiresAt: Date }): string {
  const token = signSurveyToken({ surveyId: survey.id, expiresAt: survey.expiresAt.getTime() }, surveyTokenKey());
  return new URL(`/survey/${token}`, publicUrl()).toString();
}

async function emailSurvey(
  tx: Tx,
  s: {
    id: string;
    kind: SurveyKind;
    customerId: string;
    expiresAt: Date;
    caseNo?: string;
    orderNo?: string;
    caseId?: number;
  },
) {
  const r = await customerRecipient(tx, s.customerId);
  if (!r) return;
  const { t } = r;
  const subject =
    s.kind === 'csat'
      ? t('mail.survey.csatSubject', { caseNo: s.caseNo ?? '' })
      : t('mail.survey.npsSubject', { orderNo: s.orderNo ?? '' });
  const lead =
    s.kind === 'csat'
      ? t('mail.survey.csatLead', { caseNo: s.caseNo ?? '' })
      : t('mail.survey.npsLead', { orderNo: s.orderNo ?? '' });
  const until = dateTimeFormat(r.locale, { dateStyle: 'long', timeZone: env().SHOP_TIMEZONE }).format(s.expiresAt);
  await queueEmail(tx, {
    to: r.to,
    subject,
    ...renderCustomerMail(r, {
      paragraphs: [lead, t('mail.survey.validUntil', { date: until })],
      link: surveyLink(s),
      linkLabel: t('mail.survey.answer'),
    }),
    caseId: s.caseId,
  });
}

/**
 * Offers the customer a CSAT survey for a case that has just been resolved, once per case, in the
 * resolving transaction: the portal shows it and an e-mail carries a link that works without
 * signing in. The score will count towards the agent assigned at resolution.
 */
export async function offerCsatSurvey(
  tx: Tx,
  c: { id: number; caseNo: string; customerId: string; orderId: number; assigneeId: string | null },
): Promise<void> {
  const settings = await loadFeedbackSettings(tx);
  if (!settings.csatEnabled) return;
  // The case's main product (its first item), for CSAT by product.
  const [item] = await tx
    .select({ productId: orderItems.productId })
    .from(caseItems)
    .innerJoin(orderItems, eq(orderItems.id, caseItems.orderItemId))
    .where(eq(caseItems.caseId, c.id))
    .orderBy(asc(caseItems.id))
    .limit(1);
  const expiresAt = new Date(Date.now() + settings.surveyValidDays * DAY);
  const [survey] = await tx
    .insert(surveys)
    .values({
      kind: 'csat',
      customerId: c.customerId,
      caseId: c.id,
      orderId: c.orderId,
      agentId: c.assigneeId,
      productId: item?.productId ?? null,
      expiresAt,
    })
    .onConflictDoNothing()
    .returning({ id: surveys.id });
  if (survey)
    await emailSurvey(tx, {
      id: survey.id,
      kind: 'csat',
      customerId: c.customerId,
      expiresAt,
      caseNo: c.caseNo,
      caseId: c.id,
    });
}

const NPS_BATCH = 200;
/** Orders delivered longer ago than the delay plus this are never surveyed (no mass mailing of old orders). */
const NPS_LATEST_DAYS = 14;

/**
 * Job: offers NPS for orders delivered `npsDelayDays` ago, at most once per order (a unique index
 * guards it), to customers we can reach. Runs hourly; each run takes up to 10 batches.
 */
export async function offerNpsSurveys(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const settings = await loadFeedbackSettings(db);
  if (!settings.npsEnabled) return 0;
  const newest = new Date(now.getTime() - settings.npsDelayDays * DAY);
  const oldest = new Date(newest.getTime() - NPS_LATEST_DAYS * DAY);
  let offered = 0;
  for (let batch = 0; batch < 10; batch++) {
    const n = await transaction(async (tx) => {
      // The main product is the order's most valuable line.
      const due = rowsOf<{ id: string; order_no: string; customer_id: string; product_id: string | null }>(
        await tx.execute(sql`
          select o.id, o.order_no, o.customer_id,
                 (select oi.product_id from ${orderItems} oi where oi.order_id = o.id order by oi.line_total_cents desc, oi.id limit 1) as product_id
          from ${orders} o
          join ${customers} c on c.id = o.customer_id
          where o.delivered_at is not null and o.deleted_at is null and not o.history
            and o.delivered_at > ${oldest.toISOString()} and o.delivered_at <= ${newest.toISOString()}
            and o.status in ('delivered', 'completed')
            and (c.user_id is not null or c.email is not null)
            and not exists (select 1 from ${surveys} s where s.order_id = o.id and s.kind = 'nps')
          order by o.delivered_at
          limit ${NPS_BATCH}
          for update of o skip locked`),
      );
      const expiresAt = new Date(now.getTime() + settings.surveyValidDays * DAY);
      for (const o of due) {
        const [s] = await tx
          .insert(surveys)
          .values({
            kind: 'nps',
            customerId: o.customer_id,
            orderId: Number(o.id),
            productId: o.product_id,
            offeredAt: now,
            expiresAt,
          })
          .onConflictDoNothing()
          .returning({ id: surveys.id });
        if (s)
          await emailSurvey(tx, { id: s.id, kind: 'nps', customerId: o.customer_id, expiresAt, orderNo: o.order_no });
      }
      return due.length;
    });
    offered += n;
    if (n < NPS_BATCH) break;
  }
  return offered;
}

function viewOf(row: {
  id: string;
  kind: SurveyKind;
  caseNo: string | null;
  orderNo: string | null;
  expiresAt: Date;
  answeredAt: Date | null;
}): SurveyView {
  return {
    id: row.id,
    kind: row.kind,
    caseNo: row.caseNo,
    orderNo: row.orderNo,
    expiresAt: row.expiresAt,
    answeredAt: row.answeredAt,
  };
}

const surveyColumns = {
  id: surveys.id,
  kind: surveys.kind,
  customerId: surveys.customerId,
  caseNo: cases.caseNo,
  orderNo: orders.orderNo,
  expiresAt: surveys.expiresAt,
  answeredAt: surveys.answeredAt,
};

/**
 * What an e-mailed link opens, for anyone holding it (no sign-in): a tampered or malformed link
 * is `survey_invalid`, an expired one `survey_expired`, an answered one `survey_answered`.
 */
export async function getSurveyByToken({ input }: { ctx: Ctx; input: { token: string } }): Promise<SurveyView> {
  const check = verifySurveyToken(String(input.token ?? ''), surveyTokenKeys(), Date.now());
  if (!check.ok) throw new AppError(check.code === 'token_expired' ? 'survey_expired' : 'survey_invalid');
  const db = await getDb();
  const [row] = await db
    .select(surveyColumns)
    .from(surveys)
    .leftJoin(cases, eq(cases.id, surveys.caseId))
    .leftJoin(orders, eq(orders.id, surveys.orderId))
    .where(eq(surveys.id, check.surveyId));
  if (!row) throw new AppError('survey_invalid');
  if (row.answeredAt) throw new AppError('survey_answered');
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError('survey_expired');
  return viewOf(row);
}

/** A signed-in customer's surveys still waiting for an answer (portal home and case page). */
export async function listOpenSurveys({ ctx }: { ctx: Ctx }): Promise<SurveyView[]> {
  const actor = authorize(ctx.actor, 'create:feedback:own');
  const db = await getDb();
  const rows = await db
    .select(surveyColumns)
    .from(surveys)
    .innerJoin(customers, eq(customers.id, surveys.customerId))
    .leftJoin(cases, eq(cases.id, surveys.caseId))
    .leftJoin(orders, eq(orders.id, surveys.orderId))
    .where(and(eq(customers.userId, actor.userId), isNull(surveys.answeredAt), gt(surveys.expiresAt, new Date())))
    .orderBy(desc(surveys.offeredAt))
    .limit(20);
  return rows.map(viewOf);
}

/**
 * Records a survey answer, once. Either the link's token is the authority (no sign-in needed), or
 * the signed-in customer who owns the survey answers it in the portal. Replays, expired surveys and
 * out-of-range scores change nothing.
 */
export async function answerSurvey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ feedbackId: number; kind: SurveyKind }> {
  const data = parseInput(SurveyAnswerInput, input);
  let surveyId: string;
  if (data.token) {
    const check = verifySurveyToken(data.token, surveyTokenKeys(), Date.now());
    if (!check.ok) throw new AppError(check.code === 'token_expired' ? 'survey_expired' : 'survey_invalid');
    surveyId = check.surveyId;
  } else {
    authorize(ctx.actor, 'create:feedback:own');
    if (!data.surveyId) throw new ValidationError({ surveyId: ['required'] });
    surveyId = data.surveyId;
  }
  return transaction(async (tx) => {
    const [s] = await tx
      .select({ survey: surveys, ownerUserId: customers.userId })
      .from(surveys)
      .innerJoin(customers, eq(customers.id, surveys.customerId))
      .where(eq(surveys.id, surveyId))
      .for('update', { of: surveys });
    if (!s) throw data.token ? new AppError('survey_invalid') : new NotFoundError('survey');
    // Without a token only the owner may answer; a staff account never answers for a customer.
    if (!data.token && (s.ownerUserId !== ctx.actor!.userId || !can(ctx.actor, 'create:feedback:own')))
      throw new NotFoundError('survey');
    if (s.survey.answeredAt) throw new AppError('survey_answered');
    if (s.survey.expiresAt.getTime() <= Date.now()) throw new AppError('survey_expired');
    const [min, max] = SCORE_RANGE[s.survey.kind];
    if (data.score < min || data.score > max) throw new ValidationError({ score: ['score_out_of_range'] });

    const now = new Date();
    const created = await insertFeedback(tx, {
      kind: s.survey.kind,
      customerId: s.survey.customerId,
      authorId: data.token ? null : ctx.actor!.userId,
      surveyId: s.survey.id,
      orderId: s.survey.orderId,
      caseId: s.survey.caseId,
      agentId: s.survey.agentId,
      productId: s.survey.productId,
      score: data.score,
      comment: data.comment,
      createdAt: now,
      updatedAt: now,
    });
    await tx.update(surveys).set({ answeredAt: now }).where(eq(surveys.id, s.survey.id));
    // A poor rating reaches the agent who resolved the case at once; the case page links the answer.
    if (s.survey.kind === 'csat' && data.score <= 2 && s.survey.caseId) {
      const [c] = await tx.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, s.survey.caseId));
      if (c)
        await notifyStaff(tx, {
          userIds: [s.survey.agentId],
          kind: 'low_csat',
          caseId: s.survey.caseId,
          caseNo: c.caseNo,
        });
    }
    await recordAudit(tx, ctx, {
      action: 'survey.answer',
      entityType: 'feedback',
      entityId: String(created.id),
      after: { kind: s.survey.kind, score: data.score, via: data.token ? 'link' : 'portal' },
      ...(data.token ? { actorId: null, actorLabel: 'survey-link' } : {}),
    });
    return { feedbackId: created.id, kind: s.survey.kind };
  });
}
