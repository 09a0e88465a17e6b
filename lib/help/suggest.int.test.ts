import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cases, helpSearches, helpSuggestionSessions } from '@/db/schema';
import { createCase } from '@/lib/cases/mutations';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { createTestHelpCategory, publishTestArticle } from '@/test/help-factories';
import { linkSuggestionToCase, suggestArticlesForRequest } from './suggest';

let agent: Ctx;
let sku: string;
let returnArticle: { id: string; slug: string };
let shippingArticle: { id: string; slug: string };

beforeAll(async () => {
  agent = await ctxFor(await createTestUser({ role: 'agent' }));
  const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  sku = (await createTestProduct()).sku;
  const category = await createTestHelpCategory();
  returnArticle = await publishTestArticle(supervisor, category.id, {
    titleZh: '裤子腰围不合适怎么退货',
    bodyZh: '## 申请退货\n签收后七天内，裤子腰围不合适可以申请七天无理由退货，在“我的售后”提交退货退款申请。',
    titleEn: 'Returning trousers whose waistband does not fit',
    bodyEn:
      '## Ask for a return\nWithin seven days of delivery you can return trousers whose waistband does not fit, without a reason.',
  });
  shippingArticle = await publishTestArticle(supervisor, category.id, {
    titleZh: '寄往海岛的包裹多久能送到',
    bodyZh: '## 海岛配送\n海岛地址需要轮渡转运，付款后一般五到七天送达。',
  });
});

const returnText = (orderNo: string, extra: Record<string, unknown> = {}) => ({
  orderNo,
  text: '裤子腰围不合适想退货',
  reason: 'no_reason',
  type: 'return_refund',
  locale: 'zh-CN',
  ...extra,
});

async function sessionOf(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(helpSuggestionSessions).where(eq(helpSuggestionSessions.id, id));
  return row!;
}

describe('suggestArticlesForRequest', () => {
  it('suggests the return article for a return text, opens a session for the order and logs the search', async () => {
    const { orderNo, user, customerId, customer } = await orderOfNewCustomer(agent, sku);
    const r = await suggestArticlesForRequest({ ctx: customer, input: returnText(orderNo) });
    const slugs = r.articles.map((a) => a.slug);
    expect(r.articles.length).toBeLessThanOrEqual(3);
    expect(slugs).toContain(returnArticle.slug);
    // The shipping article may match a label word, but never above the one about returns.
    if (slugs.includes(shippingArticle.slug))
      expect(slugs.indexOf(returnArticle.slug)).toBeLessThan(slugs.indexOf(shippingArticle.slug));
    expect(r.articles.find((a) => a.slug === returnArticle.slug)!.snippetHtml).toContain('<mark>');

    const session = await sessionOf(r.suggestionId!);
    expect(session).toMatchObject({ customerId, caseId: null, openedArticleId: null });
    expect(session.orderId).not.toBeNull();
    expect(session.articleIds).toContain(returnArticle.id);

    const db = await getDb();
    const logged = await db.select().from(helpSearches).where(eq(helpSearches.userId, user.id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ surface: 'request', locale: 'zh-CN', results: r.articles.length });
    // The reason and type labels in the customer's language go into the query with the text.
    expect(logged[0]!.query).toContain('裤子腰围不合适想退货');
    expect(logged[0]!.query).toContain('退货退款');
  });

  it('searches with the labels in English for an English form', async () => {
    const { orderNo, user, customer } = await orderOfNewCustomer(agent, sku);
    const r = await suggestArticlesForRequest({
      ctx: customer,
      input: { orderNo, text: 'the waistband does not fit', reason: 'no_reason', type: 'return_refund', locale: 'en' },
    });
    expect(r.articles.map((a) => a.slug)).toContain(returnArticle.slug);
    const db = await getDb();
    const [logged] = await db.select().from(helpSearches).where(eq(helpSearches.userId, user.id));
    expect(logged!.query).toContain('Return & refund');
  });

  it('keeps one session per form: later asks update its article list', async () => {
    const { orderNo, customerId, customer } = await orderOfNewCustomer(agent, sku);
    const first = await suggestArticlesForRequest({ ctx: customer, input: returnText(orderNo) });
    const second = await suggestArticlesForRequest({
      ctx: customer,
      input: returnText(orderNo, { text: '寄到海岛多久能送到', type: 'inquiry', suggestionId: first.suggestionId }),
    });
    expect(second.suggestionId).toBe(first.suggestionId);
    expect(second.articles.map((a) => a.slug)).toContain(shippingArticle.slug);
    const db = await getDb();
    const sessions = await db
      .select()
      .from(helpSuggestionSessions)
      .where(eq(helpSuggestionSessions.customerId, customerId));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.articleIds).toEqual(expect.arrayContaining([returnArticle.id, shippingArticle.id]));
  });

  it("never updates another customer's session: a new one is opened instead", async () => {
    const a = await orderOfNewCustomer(agent, sku);
    const b = await orderOfNewCustomer(agent, sku);
    const theirs = await suggestArticlesForRequest({ ctx: a.customer, input: returnText(a.orderNo) });
    const theirsBefore = await sessionOf(theirs.suggestionId!);
    const mine = await suggestArticlesForRequest({
      ctx: b.customer,
      input: returnText(b.orderNo, { text: '寄到海岛多久能送到', suggestionId: theirs.suggestionId }),
    });
    expect(mine.suggestionId).not.toBe(theirs.suggestionId);
    expect(await sessionOf(theirs.suggestionId!)).toEqual(theirsBefore);
    expect((await sessionOf(mine.suggestionId!)).customerId).toBe(b.customerId);
  });

  it('opens no session while nothing is shown', async () => {
    const { orderNo, customerId, customer } = await orderOfNewCustomer(agent, sku);
    const r = await suggestArticlesForRequest({
      ctx: customer,
      input: { orderNo, text: '🙂🙂🙂🙂', locale: 'zh-CN' },
    });
    expect(r).toEqual({ suggestionId: null, articles: [] });
    const db = await getDb();
    expect(
      await db.select().from(helpSuggestionSessions).where(eq(helpSuggestionSessions.customerId, customerId)),
    ).toHaveLength(0);
  });

  it("refuses another customer's order as not found, and agents and anonymous callers", async () => {
    const { orderNo } = await orderOfNewCustomer(agent, sku);
    const stranger = await orderOfNewCustomer(agent, sku);
    await expect(
      suggestArticlesForRequest({ ctx: stranger.customer, input: returnText(orderNo) }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(suggestArticlesForRequest({ ctx: agent, input: returnText(orderNo) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(suggestArticlesForRequest({ ctx: anonymousCtx(), input: returnText(orderNo) })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('refuses a reason or type the form does not offer', async () => {
    const { orderNo, customer } = await orderOfNewCustomer(agent, sku);
    await expect(
      suggestArticlesForRequest({ ctx: customer, input: returnText(orderNo, { reason: 'because' }) }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      suggestArticlesForRequest({ ctx: customer, input: returnText(orderNo, { type: 'teleport' }) }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('linkSuggestionToCase', () => {
  async function submitted() {
    const o = await orderOfNewCustomer(agent, sku);
    const { suggestionId } = await suggestArticlesForRequest({ ctx: o.customer, input: returnText(o.orderNo) });
    const { caseNo } = await createCase({
      ctx: o.customer,
      input: {
        orderNo: o.orderNo,
        type: 'return_refund',
        reason: 'no_reason',
        description: '尺码不合适想退货',
        items: [{ sku, quantity: 1 }],
      },
    });
    return { ...o, suggestionId: suggestionId!, caseNo };
  }

  it('links the session to the new case once', async () => {
    const { customer, suggestionId, caseNo } = await submitted();
    expect(await linkSuggestionToCase({ ctx: customer, input: { suggestionId, caseNo } })).toEqual({ linked: true });
    const db = await getDb();
    const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, caseNo));
    expect((await sessionOf(suggestionId)).caseId).toBe(c!.id);
    // Submitting twice (a retried request) counts once.
    expect(await linkSuggestionToCase({ ctx: customer, input: { suggestionId, caseNo } })).toEqual({ linked: false });
  });

  it("refuses another customer's session or case as not found, and staff and anonymous callers", async () => {
    const mine = await submitted();
    const theirs = await submitted();
    await expect(
      linkSuggestionToCase({ ctx: mine.customer, input: { suggestionId: theirs.suggestionId, caseNo: mine.caseNo } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      linkSuggestionToCase({ ctx: mine.customer, input: { suggestionId: mine.suggestionId, caseNo: theirs.caseNo } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const input = { suggestionId: mine.suggestionId, caseNo: mine.caseNo };
    await expect(linkSuggestionToCase({ ctx: agent, input })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(linkSuggestionToCase({ ctx: anonymousCtx(), input })).rejects.toBeInstanceOf(UnauthenticatedError);
    const db = await getDb();
    const untouched = await db
      .select()
      .from(helpSuggestionSessions)
      .where(and(eq(helpSuggestionSessions.id, theirs.suggestionId)));
    expect(untouched[0]!.caseId).toBeNull();
  });
});
