import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, helpArticleFeedback, helpArticleViews, helpSearches, helpSuggestionSessions } from '@/db/schema';
import { createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { createTestHelpCategory, publishTestArticle } from '@/test/help-factories';
import { getHelpAnalytics } from './analytics';
import { linkSuggestionToCase, suggestArticlesForRequest } from './suggest';

let agent: Ctx;
let supervisor: Ctx;
let sku: string;
let articleA: { id: string; slug: string };
let articleB: { id: string; slug: string };

/**
 * A shop day of this file's own, decades ago, so the planted figures are the only ones in the
 * period even on a shared database (nothing else writes help data dated then).
 */
const year = 1980 + Math.floor(Math.random() * 25);
const day = `${year}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
const nextDay = (d: string, n = 1) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An instant on a shop day (Asia/Shanghai, UTC+8), e.g. at(day, '23:30'). */
const at = (d: string, time: string) => new Date(`${d}T${time}:00+08:00`);
const period = { from: day, to: nextDay(day, 2) };

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  sku = (await createTestProduct()).sku;
  const category = await createTestHelpCategory();
  articleA = await publishTestArticle(supervisor, category.id, {
    titleZh: '退款多久到账',
    bodyZh: '退款原路返回，一般一到三个工作日到账。',
    titleEn: 'When the refund arrives',
    bodyEn: 'Refunds go back to where you paid, usually within one to three working days.',
  });
  articleB = await publishTestArticle(supervisor, category.id, { titleZh: '如何开发票', bodyZh: '在订单页申请发票。' });
});

async function plantDaily(d: string, counts: Record<string, number>) {
  const db = await getDb();
  const cols = Object.keys(counts);
  await db.execute(sql`
    insert into help_daily (day, ${sql.raw(cols.join(', '))})
    values (${d}::date, ${sql.join(
      cols.map((c) => sql`${counts[c]}`),
      sql`, `,
    )})
    on conflict (day) do update set ${sql.raw(cols.map((c) => `${c} = help_daily.${c} + excluded.${c}`).join(', '))}`);
}

/** A case of the customer, dated `when` (cases are opened through the verb, then moved in time). */
async function caseAt(o: Awaited<ReturnType<typeof orderOfNewCustomer>>, when: Date) {
  const { caseNo } = await createCase({
    ctx: o.customer,
    input: { orderNo: o.orderNo, type: 'inquiry', reason: 'other', description: '问一下', items: [] },
  });
  const db = await getDb();
  await db.update(cases).set({ createdAt: when }).where(eq(cases.caseNo, caseNo));
}

describe('getHelpAnalytics', () => {
  it('counts searches, no-result queries, top articles, the helpful ratio and deflection for a planted period', async () => {
    const db = await getDb();
    const before = await getHelpAnalytics({ ctx: supervisor, input: { ...period, locale: 'en' } });
    await plantDaily(day, {
      searches: 6,
      no_result_searches: 4,
      views: 5,
      helpful_yes: 3,
      helpful_no: 1,
      suggestions_shown: 4,
      suggestions_submitted: 1,
    });
    await plantDaily(nextDay(day, 2), { searches: 2, suggestions_shown: 1 });
    // Outside the period: not counted.
    await plantDaily(nextDay(day, 3), { searches: 100, suggestions_shown: 100 });

    const tag = randomUUID().slice(0, 6);
    const q1 = `scratched lens ${tag}`;
    const q2 = `发票抬头 ${tag}`;
    await db.insert(helpSearches).values([
      // One query in two spellings is one line; 23:30 on the last day is still in the period.
      { surface: 'help', locale: 'en', query: q1, results: 0, createdAt: at(day, '09:00') },
      { surface: 'request', locale: 'en', query: q1.toUpperCase(), results: 0, createdAt: at(period.to, '23:30') },
      { surface: 'help', locale: 'zh-CN', query: q2, results: 0, createdAt: at(day, '10:00') },
      { surface: 'help', locale: 'zh-CN', query: `有结果 ${tag}`, results: 3, createdAt: at(day, '10:00') },
      // The staff guide's misses are not articles for customers to write.
      { surface: 'guide', locale: 'zh-CN', query: `员工指南 ${tag}`, results: 0, createdAt: at(day, '11:00') },
      // Just after the period (00:10 the next shop day, 16:10 UTC the day before).
      { surface: 'help', locale: 'zh-CN', query: `之后 ${tag}`, results: 0, createdAt: at(nextDay(day, 3), '00:10') },
    ]);

    const reader = await orderOfNewCustomer(agent, sku); // a case 2 h after the view: not deflected
    const quiet = await orderOfNewCustomer(agent, sku); // no case: deflected
    const later = await orderOfNewCustomer(agent, sku); // a case 30 h after: deflected
    await caseAt(reader, at(day, '14:00'));
    await caseAt(later, at(nextDay(day), '18:00'));
    const view = (articleId: string, customerId: string | null, time: string, d = day) => ({
      articleId,
      locale: 'zh-CN',
      customerId,
      createdAt: at(d, time),
    });
    await db
      .insert(helpArticleViews)
      .values([
        view(articleA.id, reader.customerId, '12:00'),
        view(articleA.id, quiet.customerId, '12:00'),
        view(articleA.id, later.customerId, '12:00'),
        view(articleA.id, null, '12:00'),
        view(articleB.id, null, '13:00'),
        view(articleB.id, null, '13:00', nextDay(day, 3)),
      ]);
    await db.insert(helpArticleFeedback).values([
      { articleId: articleA.id, locale: 'zh-CN', helpful: true, createdAt: at(day, '12:05') },
      { articleId: articleA.id, locale: 'zh-CN', helpful: true, createdAt: at(day, '12:06') },
      { articleId: articleA.id, locale: 'zh-CN', helpful: false, createdAt: at(day, '12:07') },
      { articleId: articleA.id, locale: 'zh-CN', helpful: false, createdAt: at(nextDay(day, 3), '12:07') },
    ]);
    await db.insert(helpSuggestionSessions).values([
      {
        customerId: quiet.customerId,
        articleIds: [articleA.id],
        openedArticleId: articleA.id,
        createdAt: at(day, '11:00'),
      },
      { customerId: quiet.customerId, articleIds: [articleA.id], createdAt: at(day, '11:30') },
    ]);

    const after = await getHelpAnalytics({ ctx: supervisor, input: { ...period, locale: 'en' } });
    expect(after.searches - before.searches).toBe(8);
    expect(after.noResultSearches - before.noResultSearches).toBe(4);
    expect(after.views - before.views).toBe(5);
    expect(after.helpful).toEqual({
      yes: before.helpful.yes + 3,
      no: before.helpful.no + 1,
      percent: expect.any(Number),
    });
    expect(after.suggestions.shown - before.suggestions.shown).toBe(5);
    expect(after.suggestions.submitted - before.suggestions.submitted).toBe(1);
    expect(after.suggestions.opened - before.suggestions.opened).toBe(1);
    expect(after.hasData).toBe(true);

    const mine = after.noResultQueries.filter((q) => q.query.includes(tag));
    expect(mine).toEqual([
      { query: q1, count: 2 },
      { query: q2, count: 1 },
    ]);

    const a = after.topArticles.find((x) => x.articleId === articleA.id)!;
    const b = after.topArticles.find((x) => x.articleId === articleB.id)!;
    expect(a).toMatchObject({ slug: articleA.slug, title: 'When the refund arrives', published: true, views: 4 });
    expect(a).toMatchObject({ helpfulYes: 2, helpfulNo: 1 });
    expect(a.helpfulPercent).toBeCloseTo(66.67, 1);
    // No English translation: the Chinese title, and no answers means no ratio rather than 0 %.
    expect(b).toMatchObject({ title: '如何开发票', views: 1, helpfulYes: 0, helpfulNo: 0, helpfulPercent: null });
    expect(after.topArticles.indexOf(a)).toBeLessThan(after.topArticles.indexOf(b));

    // Three views by signed-in customers; two were followed by no case within 24 h.
    expect(after.viewDeflection.views - before.viewDeflection.views).toBe(3);
    expect(after.viewDeflection.deflected - before.viewDeflection.deflected).toBe(2);
  });

  it('has no data for a period nothing happened in', async () => {
    const empty = await getHelpAnalytics({ ctx: supervisor, input: { from: '1970-01-01', to: '1970-01-31' } });
    expect(empty).toMatchObject({
      searches: 0,
      noResultQueries: [],
      topArticles: [],
      hasData: false,
      helpful: { percent: null },
      suggestions: { deflectionPercent: null },
      viewDeflection: { percent: null },
    });
  });

  it('judges only views older than 24 hours', async () => {
    const db = await getDb();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const recent = { from: nextDay(today, -1), to: today };
    const before = await getHelpAnalytics({ ctx: supervisor, input: recent });
    const quiet = await orderOfNewCustomer(agent, sku);
    await db.insert(helpArticleViews).values({ articleId: articleA.id, locale: 'zh-CN', customerId: quiet.customerId });
    const after = await getHelpAnalytics({ ctx: supervisor, input: recent });
    expect(after.viewDeflection.views).toBe(before.viewDeflection.views);
  });

  it("counts today's suggestions shown and still submitted from the request form's verbs", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const before = await getHelpAnalytics({ ctx: supervisor, input: { from: today, to: today } });
    const o = await orderOfNewCustomer(agent, sku);
    const { suggestionId } = await suggestArticlesForRequest({
      ctx: o.customer,
      input: { orderNo: o.orderNo, text: '退款多久到账', reason: 'other', type: 'inquiry', locale: 'zh-CN' },
    });
    const { caseNo } = await createCase({
      ctx: o.customer,
      input: { orderNo: o.orderNo, type: 'inquiry', reason: 'other', description: '退款多久到账', items: [] },
    });
    await linkSuggestionToCase({ ctx: o.customer, input: { suggestionId, caseNo } });
    const after = await getHelpAnalytics({ ctx: supervisor, input: { from: today, to: today } });
    // Other tests may write help data today on a shared database: at least ours is counted.
    expect(after.suggestions.shown - before.suggestions.shown).toBeGreaterThanOrEqual(1);
    expect(after.suggestions.submitted - before.suggestions.submitted).toBeGreaterThanOrEqual(1);
    expect(after.searches - before.searches).toBeGreaterThanOrEqual(1);
  });

  it('is for those who read reports: agents, customers and anonymous callers are refused', async () => {
    const customer = await ctxFor(await createTestUser({ role: 'customer' }));
    for (const ctx of [agent, customer])
      await expect(getHelpAnalytics({ ctx, input: period })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getHelpAnalytics({ ctx: anonymousCtx(), input: period })).rejects.toBeInstanceOf(UnauthenticatedError);
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    await expect(getHelpAnalytics({ ctx: admin, input: period })).resolves.toMatchObject({
      hasData: expect.any(Boolean),
    });
  });
});
