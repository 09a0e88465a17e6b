import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, emailOutbox, feedback, feedbackSettings, notifications, orders, surveys } from '@/db/schema';
import { applyCaseAction, createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { surveyTokenKey } from '@/lib/crypto';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { csatForOwnCase } from './queries';
import { answerSurvey, getSurveyByToken, listOpenSurveys, offerNpsSurveys } from './surveys';
import { signSurveyToken } from './token';

let agent: Ctx;
let agentId: string;
let sku: string;

beforeAll(async () => {
  const a = await createTestUser({ role: 'agent' });
  agentId = a.id;
  agent = await ctxFor(a);
  sku = (await createTestProduct({ priceCents: 8_000 })).sku;
});

/** A complaint case assigned to the agent and resolved by them: the moment CSAT is offered. */
async function resolvedCase() {
  const o = await orderOfNewCustomer(agent, sku);
  const { caseNo } = await createCase({
    ctx: o.customer,
    input: { orderNo: o.orderNo, type: 'complaint', reason: 'other', description: '快递员态度很差' },
  });
  const db = await getDb();
  await db.update(cases).set({ assigneeId: agentId }).where(eq(cases.caseNo, caseNo));
  const [row] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
  await applyCaseAction({ ctx: agent, input: { caseNo, version: row!.version, action: 'resolve' } });
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.caseId, row!.id), eq(surveys.kind, 'csat')));
  return { ...o, caseNo, caseId: row!.id, survey: survey! };
}

const tokenOf = (s: { id: string; expiresAt: Date }) =>
  signSurveyToken({ surveyId: s.id, expiresAt: s.expiresAt.getTime() }, surveyTokenKey());

describe('CSAT on resolution', () => {
  it('offers one survey per case, attributed to the resolving agent, and e-mails a link', async () => {
    const c = await resolvedCase();
    expect(c.survey).toMatchObject({ kind: 'csat', agentId, customerId: c.customerId, answeredAt: null });
    expect(c.survey.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const db = await getDb();
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.caseId, c.caseId));
    const surveyMail = mails.find((m) => m.textBody.includes('/survey/'));
    expect(surveyMail?.toAddress).toBe(c.user.email);
    const token = /\/survey\/([A-Za-z0-9_.-]+)/.exec(surveyMail!.textBody)![1]!;
    await expect(getSurveyByToken({ ctx: anonymousCtx(), input: { token } })).resolves.toMatchObject({
      kind: 'csat',
      caseNo: c.caseNo,
    });

    // Reopened and resolved again: still one survey.
    const [row] = await db.select().from(cases).where(eq(cases.id, c.caseId));
    await applyCaseAction({ ctx: c.customer, input: { caseNo: c.caseNo, version: row!.version, action: 'reopen' } });
    await applyCaseAction({ ctx: agent, input: { caseNo: c.caseNo, version: row!.version + 1, action: 'resolve' } });
    const all = await db.select().from(surveys).where(eq(surveys.caseId, c.caseId));
    expect(all).toHaveLength(1);
  });

  it('is not offered when CSAT is switched off', async () => {
    const db = await getDb();
    await db.update(feedbackSettings).set({ csatEnabled: false }).where(eq(feedbackSettings.id, 1));
    try {
      const c = await resolvedCase();
      expect(c.survey).toBeUndefined();
    } finally {
      await db.update(feedbackSettings).set({ csatEnabled: true }).where(eq(feedbackSettings.id, 1));
    }
  });
});

describe('answering through the e-mailed link', () => {
  it('records the score once, for the case and its agent, without signing in', async () => {
    const c = await resolvedCase();
    const token = tokenOf(c.survey);
    const { feedbackId } = await answerSurvey({
      ctx: anonymousCtx(),
      input: { token, score: '2', comment: '  客服回复太慢，等了三天  ' },
    });
    const db = await getDb();
    const [fb] = await db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(fb).toMatchObject({
      kind: 'csat',
      score: 2,
      comment: '客服回复太慢，等了三天',
      caseId: c.caseId,
      agentId,
      customerId: c.customerId,
      authorId: null,
      status: 'new',
    });
    expect(fb!.words).toEqual(expect.arrayContaining(['回复', '三天']));
    // A poor rating reaches the agent who resolved the case.
    const [note] = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, agentId), eq(notifications.caseId, c.caseId), eq(notifications.kind, 'low_csat')),
      );
    expect(note).toBeDefined();

    // Replaying the link, or the same answer with a better score, changes nothing.
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token, score: 5 } })).rejects.toMatchObject({
      code: 'survey_answered',
    });
    await expect(getSurveyByToken({ ctx: anonymousCtx(), input: { token } })).rejects.toMatchObject({
      code: 'survey_answered',
    });
    const [after] = await db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(after!.score).toBe(2);
    await expect(csatForOwnCase({ ctx: c.customer, input: { caseNo: c.caseNo } })).resolves.toMatchObject({ score: 2 });
  });

  it('refuses a tampered, malformed, foreign or expired link, and changes nothing', async () => {
    const c = await resolvedCase();
    const token = tokenOf(c.survey);
    const [data, sig] = token.split('.') as [string, string];
    const tampered = `${data}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    const otherSurvey = signSurveyToken(
      { surveyId: randomUUID(), expiresAt: Date.now() + 86_400_000 },
      surveyTokenKey(),
    );
    const wrongKey = signSurveyToken(
      { surveyId: c.survey.id, expiresAt: c.survey.expiresAt.getTime() },
      Buffer.alloc(32, 7),
    );
    for (const bad of [tampered, 'not-a-token', otherSurvey, wrongKey, '']) {
      await expect(answerSurvey({ ctx: anonymousCtx(), input: { token: bad, score: 4 } })).rejects.toBeInstanceOf(
        bad ? AppError : UnauthenticatedError,
      );
      if (bad)
        await expect(getSurveyByToken({ ctx: anonymousCtx(), input: { token: bad } })).rejects.toMatchObject({
          code: 'survey_invalid',
        });
    }
    const expiredToken = signSurveyToken({ surveyId: c.survey.id, expiresAt: Date.now() - 1000 }, surveyTokenKey());
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token: expiredToken, score: 4 } })).rejects.toMatchObject(
      { code: 'survey_expired' },
    );
    await expect(getSurveyByToken({ ctx: anonymousCtx(), input: { token: expiredToken } })).rejects.toMatchObject({
      code: 'survey_expired',
    });

    // The survey itself expired (the link's own date is later): refused as well.
    const db = await getDb();
    await db
      .update(surveys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(surveys.id, c.survey.id));
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token, score: 4 } })).rejects.toMatchObject({
      code: 'survey_expired',
    });
    const [s] = await db.select().from(surveys).where(eq(surveys.id, c.survey.id));
    expect(s!.answeredAt).toBeNull();
    expect(await db.select().from(feedback).where(eq(feedback.surveyId, c.survey.id))).toHaveLength(0);
  });

  it('gives field errors for an out-of-range score, a missing score and an over-long comment', async () => {
    const c = await resolvedCase();
    const token = tokenOf(c.survey);
    for (const score of [0, 6, 3.5, 'x']) {
      const err = await answerSurvey({ ctx: anonymousCtx(), input: { token, score } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fieldErrors)).toEqual(['score']);
    }
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token } })).rejects.toMatchObject({
      fieldErrors: { score: ['required'] },
    });
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token, score: '' } })).rejects.toMatchObject({
      fieldErrors: { score: ['required'] },
    });
    await expect(
      answerSurvey({ ctx: anonymousCtx(), input: { token, score: 4, comment: 'x'.repeat(2001) } }),
    ).rejects.toMatchObject({ fieldErrors: { comment: ['too_long'] } });
    // Nothing was recorded: the survey can still be answered.
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token, score: 5 } })).resolves.toMatchObject({
      kind: 'csat',
    });
  });
});

describe('answering in the portal', () => {
  it('lets the owner answer an open survey, and nobody else', async () => {
    const c = await resolvedCase();
    await expect(listOpenSurveys({ ctx: c.customer })).resolves.toEqual([
      expect.objectContaining({ id: c.survey.id, kind: 'csat', caseNo: c.caseNo }),
    ]);
    const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(listOpenSurveys({ ctx: stranger })).resolves.toEqual([]);
    await expect(answerSurvey({ ctx: stranger, input: { surveyId: c.survey.id, score: 1 } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(answerSurvey({ ctx: agent, input: { surveyId: c.survey.id, score: 5 } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      answerSurvey({ ctx: anonymousCtx(), input: { surveyId: c.survey.id, score: 5 } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(csatForOwnCase({ ctx: stranger, input: { caseNo: c.caseNo } })).resolves.toBeNull();

    const { feedbackId } = await answerSurvey({
      ctx: c.customer,
      input: { surveyId: c.survey.id, score: 5, comment: 'Very helpful, thank you' },
    });
    const db = await getDb();
    const [fb] = await db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(fb).toMatchObject({ score: 5, authorId: c.user.id, agentId });
    await expect(listOpenSurveys({ ctx: c.customer })).resolves.toEqual([]);
    await expect(answerSurvey({ ctx: c.customer, input: { surveyId: c.survey.id, score: 1 } })).rejects.toMatchObject({
      code: 'survey_answered',
    });
  });
});

describe('NPS after delivery', () => {
  it('offers NPS once per order, the configured days after delivery, not for older orders', async () => {
    const db = await getDb();
    const due = await orderOfNewCustomer(agent, sku);
    const old = await orderOfNewCustomer(agent, sku);
    const fresh = await orderOfNewCustomer(agent, sku);
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    await db
      .update(orders)
      .set({ deliveredAt: daysAgo(8) })
      .where(eq(orders.orderNo, due.orderNo));
    await db
      .update(orders)
      .set({ deliveredAt: daysAgo(40) })
      .where(eq(orders.orderNo, old.orderNo));
    await db
      .update(orders)
      .set({ deliveredAt: daysAgo(2) })
      .where(eq(orders.orderNo, fresh.orderNo));

    await offerNpsSurveys();
    await offerNpsSurveys();
    const npsOf = async (orderNo: string) =>
      db
        .select({ id: surveys.id, expiresAt: surveys.expiresAt })
        .from(surveys)
        .innerJoin(orders, eq(orders.id, surveys.orderId))
        .where(and(eq(orders.orderNo, orderNo), eq(surveys.kind, 'nps')));
    const [offered, ...more] = await npsOf(due.orderNo);
    expect(offered).toBeDefined();
    expect(more).toHaveLength(0);
    expect(await npsOf(old.orderNo)).toHaveLength(0);
    expect(await npsOf(fresh.orderNo)).toHaveLength(0);

    const mails = await db
      .select()
      .from(emailOutbox)
      .where(sql`${emailOutbox.toAddress} = ${due.user.email} and ${emailOutbox.textBody} like '%/survey/%'`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(due.orderNo);

    const token = tokenOf(offered!);
    await expect(answerSurvey({ ctx: anonymousCtx(), input: { token, score: 11 } })).rejects.toMatchObject({
      fieldErrors: { score: ['score_out_of_range'] },
    });
    const { feedbackId } = await answerSurvey({
      ctx: anonymousCtx(),
      input: { token, score: 0, comment: 'Item arrived broken' },
    });
    const [fb] = await db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(fb).toMatchObject({ kind: 'nps', score: 0, customerId: due.customerId });
  });
});
