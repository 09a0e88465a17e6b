import { inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { feedback, products, surveys } from '@/db/schema';
import { surveyTokenKey } from '@/lib/crypto';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { submitFeedback } from './mutations';
import { refreshRollups } from '@/lib/analytics/rollup';
import { feedbackStats, myCsat } from './stats';
import { answerSurvey } from './surveys';
import { saveCategory, saveRule } from './taxonomy';
import { signSurveyToken } from './token';

/**
 * The statistics are global, and other test files write feedback "now". So this file moves its
 * own feedback to three days of a year long past, chosen at random per run, and checks figures
 * computed by hand for exactly those rows.
 */
const year = 1950 + Math.floor(Math.random() * 50);
const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
const day = (d: number) => `${year}-${month}-${String(d).padStart(2, '0')}`;
const at = (d: number, hour = 12) => new Date(`${day(d)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const word = `zq${Math.random().toString(36).slice(2, 7).replace(/\d/g, 'x')}`;

let agentName: string;
let agentId: string;
let productId: string;
let categoryId: string;

beforeAll(async () => {
  const agentUser = await createTestUser({ role: 'agent' });
  agentId = agentUser.id;
  agentName = agentUser.name;
  const agent = await ctxFor(agentUser);
  const admin = await ctxFor(await createTestUser({ role: 'admin' }));
  const p = await createTestProduct();
  const db = await getDb();
  productId = (
    await db
      .select({ id: products.id })
      .from(products)
      .where(sql`${products.sku} = ${p.sku}`)
  )[0]!.id;
  categoryId = (await saveCategory({ ctx: admin, input: { nameZh: `统计${word}`, nameEn: `Stats ${word}` } })).id;
  await saveRule({ ctx: admin, input: { keywords: word, categoryId } });

  const o = await orderOfNewCustomer(agent, p.sku);
  /** Offers a survey on day `offered` and, unless score is null, answers it on day `answered`. */
  async function survey(kind: 'csat' | 'nps', offered: number, score: number | null, comment = '') {
    const [s] = await db
      .insert(surveys)
      .values({
        kind,
        customerId: o.customerId,
        agentId: kind === 'csat' ? agentId : null,
        productId,
        offeredAt: at(offered, 9),
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    if (score === null) return;
    const token = signSurveyToken({ surveyId: s!.id, expiresAt: s!.expiresAt.getTime() }, surveyTokenKey());
    const { feedbackId } = await answerSurvey({ ctx: anonymousCtx(), input: { token, score, comment } });
    await db
      .update(feedback)
      .set({ createdAt: at(offered, 18) })
      .where(inArray(feedback.id, [feedbackId]));
  }
  // Current period: days 10–12. CSAT 5, 4, 2 answered + one unanswered; NPS 10, 9, 7, 3.
  await survey('csat', 10, 5, `${word} 很好`);
  await survey('csat', 11, 4);
  await survey('csat', 12, 2, `${word} 太慢`);
  await survey('csat', 12, null);
  await survey('nps', 10, 10);
  await survey('nps', 10, 9);
  await survey('nps', 11, 7);
  await survey('nps', 12, 3, `${word}`);
  // Previous period: days 7–9. One CSAT 1, one NPS 9.
  await survey('csat', 8, 1, `${word}`);
  await survey('nps', 9, 9);
  // A complaint in the current period, classified by the rule.
  const { id } = await submitFeedback({
    ctx: o.customer,
    input: { kind: 'complaint', comment: `${word} again`, productId },
  });
  await db
    .update(feedback)
    .set({ createdAt: at(11) })
    .where(inArray(feedback.id, [id]));
  // The statistics read the daily rollups, which the job brings up to date within a minute.
  await refreshRollups({ waitForOthers: true });
});

describe('feedbackStats', () => {
  it('matches hand-computed figures for the period and the one before', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    const s = await feedbackStats({ ctx: supervisor, input: { from: day(10), to: day(12) } });
    expect(s.period).toEqual({ from: day(10), to: day(12), days: 3 });
    expect(s.previous).toEqual({ from: day(7), to: day(9) });

    const c = s.current;
    expect(c.csat.counts).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 });
    expect(c.csat.answered).toBe(3);
    expect(c.csat.offered).toBe(4);
    expect(c.csat.percent).toBeCloseTo(66.667, 2); // 2 good of 3
    expect(c.csat.answerRate).toBe(75);
    expect(c.nps).toMatchObject({ answered: 4, promoters: 2, passives: 1, detractors: 1, offered: 4, answerRate: 100 });
    expect(c.nps.score).toBe(25); // (2 − 1) / 4
    expect(c.byKind).toMatchObject({ csat: 3, nps: 4, complaint: 1, suggestion: 0 });
    expect(c.total).toBe(8);
    expect(c.byCategory).toContainEqual({ categoryId, count: 4 });
    expect(c.byAgent).toEqual([expect.objectContaining({ agentId, name: agentName, answered: 3, good: 2 })]);
    expect(c.words.find((w) => w.word === word)).toEqual({ word, count: 4 });

    const p = s.prior;
    expect(p.csat).toMatchObject({ answered: 1, percent: 0, offered: 1, answerRate: 100 });
    expect(p.nps).toMatchObject({ answered: 1, score: 100 });
    expect(p.byAgent).toEqual([expect.objectContaining({ agentId, answered: 1, good: 0, percent: 0 })]);

    expect(s.byProduct).toEqual([
      expect.objectContaining({ productId, total: 8, complaints: 1, csatAnswered: 3, npsAnswered: 4, nps: 25 }),
    ]);
    expect(s.monthly).toEqual([
      expect.objectContaining({ bucket: `${day(1)}`, total: 8, csatAnswered: 3, npsAnswered: 4, nps: 25 }),
    ]);
    expect(s.weekly.reduce((n, w) => n + w.total, 0)).toBe(8);
  });

  it('gives an agent their own CSAT for the last days', async () => {
    const fresh = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(myCsat({ ctx: fresh })).resolves.toEqual({
      answered: 0,
      good: 0,
      percent: null,
      previousAnswered: 0,
      previousPercent: null,
    });
    const db = await getDb();
    const customer = (await db.select({ id: feedback.customerId }).from(feedback).limit(1))[0]!.id;
    await db.insert(feedback).values([
      { kind: 'csat', score: 5, customerId: customer, agentId: fresh.actor!.userId },
      { kind: 'csat', score: 2, customerId: customer, agentId: fresh.actor!.userId },
      {
        kind: 'csat',
        score: 4,
        customerId: customer,
        agentId: fresh.actor!.userId,
        createdAt: new Date(Date.now() - 40 * 86_400_000),
      },
    ]);
    await expect(myCsat({ ctx: fresh })).resolves.toEqual({
      answered: 2,
      good: 1,
      percent: 50,
      previousAnswered: 1,
      previousPercent: 100,
    });
    await expect(myCsat({ ctx: anonymousCtx() })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('answers "no data" for a period without answers, never zero', async () => {
    const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
    const s = await feedbackStats({ ctx: supervisor, input: { from: day(20), to: day(20) } });
    expect(s.current.csat.percent).toBeNull();
    expect(s.current.nps.score).toBeNull();
    expect(s.current.csat.answerRate).toBeNull();
    expect(s.current.total).toBe(0);
  });

  it('refuses an inverted or absurd period, and callers without the permission', async () => {
    const agent = await ctxFor(await createTestUser({ role: 'agent' }));
    await expect(feedbackStats({ ctx: agent, input: { from: day(12), to: day(10) } })).rejects.toMatchObject({
      fieldErrors: { to: ['date_range_inverted'] },
    });
    await expect(feedbackStats({ ctx: agent, input: { from: '1900-01-01', to: '2026-01-01' } })).rejects.toMatchObject({
      fieldErrors: { from: ['period_too_long'] },
    });
    await expect(feedbackStats({ ctx: agent, input: { from: 'yesterday', to: day(10) } })).rejects.toMatchObject({
      fieldErrors: { from: ['invalid_date'] },
    });
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    await expect(feedbackStats({ ctx: customer, input: { from: day(10), to: day(12) } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(feedbackStats({ ctx: anonymousCtx(), input: { from: day(10), to: day(12) } })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});
