import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { helpArticles, helpSearches } from '@/db/schema';
import { loadHelpSeed, seedHelpCenter } from '@/db/seed/help';
import { anonymousCtx, uniqueIp } from '@/test/factories';
import { searchHelpCenter } from './reader';
import { searchDocuments } from './search';

/**
 * The help search on the demo's real articles (db/seed/help), on PGlite and on PostgreSQL. Other
 * tests may add articles to a shared PostgreSQL database, so each case asks which *seeded*
 * article ranks first.
 */

let seedIds: Map<string, string>;

beforeAll(async () => {
  const db = await getDb();
  await seedHelpCenter(db);
  const slugs = loadHelpSeed().articles.map((a) => a.slug);
  const rows = await db
    .select({ id: helpArticles.id, slug: helpArticles.slug })
    .from(helpArticles)
    .where(inArray(helpArticles.slug, slugs));
  seedIds = new Map(rows.map((r) => [r.id, r.slug]));
}, 60_000);

async function firstSeeded(query: string, locale: 'zh-CN' | 'en'): Promise<string | null> {
  const { hits } = await searchDocuments({ query, source: 'article', locale, limit: 20 });
  const hit = hits.find((h) => h.articleId && seedIds.has(h.articleId));
  return hit ? seedIds.get(hit.articleId!)! : null;
}

/** Query → the article a shop's customer would expect on top. */
const CASES: [query: string, locale: 'zh-CN' | 'en', expected: string][] = [
  // Chinese, no spaces: segmentation has to find the words.
  ['七天无理由退货', 'zh-CN', 'seven-day-return'],
  ['退货运费谁出', 'zh-CN', 'return-shipping-fee'],
  ['怎么申请退款', 'zh-CN', 'request-return-refund'],
  ['退款多久到账', 'zh-CN', 'refund-timeline'],
  ['价保怎么申请', 'zh-CN', 'price-protection'],
  ['保修期内坏了怎么维修', 'zh-CN', 'repair-request'],
  ['三包', 'zh-CN', 'warranty-sanbao'],
  ['开发票', 'zh-CN', 'invoices-vat'],
  ['修改收货地址', 'zh-CN', 'change-or-cancel-order'],
  ['申请被驳回了能申诉吗', 'zh-CN', 'appeal-rejected-request'],
  ['签收时发现外包装破损', 'zh-CN', 'signing-for-parcels'],
  ['补偿优惠券', 'zh-CN', 'compensation'],
  ['扫地机器人', 'zh-CN', 'rc300-robot-vacuum-guide'],
  ['个人信息保护', 'zh-CN', 'privacy-personal-information'],
  // Traditional characters fold to simplified.
  ['退貨運費', 'zh-CN', 'return-shipping-fee'],
  ['換貨', 'zh-CN', 'exchange-request'],
  // SKUs, exact and mistyped.
  ['PH-X12-128', 'zh-CN', 'x12-phone-guide'],
  ['EB-AIR3', 'en', 'air3-earbuds-guide'],
  ['PH-X21-128', 'zh-CN', 'x12-phone-guide'],
  ['AP-RC3OO', 'en', 'rc300-robot-vacuum-guide'],
  ['LP-PR014', 'zh-CN', 'pro14-laptop-guide'],
  // English, with stemming and typos.
  ['how long does a refund take', 'en', 'refund-timeline'],
  ['return shipping cost', 'en', 'return-shipping-fee'],
  ['cancel my order', 'en', 'change-or-cancel-order'],
  ['track my parcel', 'en', 'shipping-and-tracking'],
  ['price protection', 'en', 'price-protection'],
  ['appeal a rejected request', 'en', 'appeal-rejected-request'],
  ['robot vacuum', 'en', 'rc300-robot-vacuum-guide'],
  ['refnud only', 'en', 'refund-only'],
];

describe('help search ranking', () => {
  it.each(CASES)('%s (%s) → %s', async (query, locale, expected) => {
    expect(await firstSeeded(query, locale)).toBe(expected);
  });

  it('marks the matched words in the title and the snippet, escaping everything else', async () => {
    const { hits } = await searchDocuments({ query: '七天无理由退货', source: 'article', locale: 'zh-CN', limit: 5 });
    const hit = hits.find((h) => seedIds.get(h.articleId!) === 'seven-day-return')!;
    expect(hit.snippetHtml).toContain('<mark>');
    expect(hit.titleHtml).toMatch(/<mark>[^<]+<\/mark>/);
    expect(hit.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('finds nothing, without an error, for punctuation, emoji or an empty query', async () => {
    for (const q of ['', '   ', '？？？!!!', '🙂🙂', '&|!():*']) {
      const r = await searchDocuments({ query: q, source: 'article', locale: 'zh-CN', limit: 5 });
      expect(r.hits).toEqual([]);
    }
  });

  it('a 500-character query is cut to size and still answers', async () => {
    const long = '退货'.repeat(250);
    const r = await searchHelpCenter({
      ctx: { ...anonymousCtx(), ip: uniqueIp() },
      input: { q: long, locale: 'zh-CN' },
    });
    expect(r.results.length).toBeGreaterThan(0);
  });
});

describe('searchHelpCenter', () => {
  it('logs the query with its result count, so authors see what readers did not find', async () => {
    const ctx = { ...anonymousCtx(), ip: uniqueIp() };
    const nonsense = `xyzzy-${Date.now()}`;
    const found = await searchHelpCenter({ ctx, input: { q: nonsense, locale: 'en' } });
    expect(found.results).toEqual([]);
    const db = await getDb();
    const logged = await db
      .select()
      .from(helpSearches)
      .where(inArray(helpSearches.query, [nonsense]));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ surface: 'help', locale: 'en', results: 0 });
  });

  it('pages results ten at a time and says whether there are more', async () => {
    const ctx = { ...anonymousCtx(), ip: uniqueIp() };
    const first = await searchHelpCenter({ ctx, input: { q: '退货 退款 申请 订单', locale: 'zh-CN', page: 1 } });
    expect(first.results).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    const second = await searchHelpCenter({ ctx, input: { q: '退货 退款 申请 订单', locale: 'zh-CN', page: 2 } });
    const firstSlugs = new Set(first.results.map((r) => r.slug));
    expect(second.results.some((r) => firstSlugs.has(r.slug))).toBe(false);
  });
});
