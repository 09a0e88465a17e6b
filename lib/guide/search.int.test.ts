import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { helpSearchDocuments, helpSearches } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { ensureGuideIndexed, searchGuide } from './search';

let agent: Ctx;
let agentId: string;
let admin: Ctx;

beforeAll(async () => {
  const user = await createTestUser({ role: 'agent' });
  agentId = user.id;
  agent = await ctxFor(user);
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
});

const ids = (r: { results: { sectionId: string }[] }) => r.results.map((h) => h.sectionId);

describe('searchGuide', () => {
  it("finds the desk guide's section in Chinese without spaces, with highlighted snippets", async () => {
    const r = await searchGuide({ ctx: agent, input: { q: '怎么导入订单', area: 'desk', locale: 'zh-CN' } });
    expect(ids(r)[0]).toBe('desk-imports');
    expect(r.results[0]!.snippetHtml + r.results[0]!.titleHtml).toContain('<mark>');
  });

  it('finds sections in English, stemmed, and logs the search as a guide search', async () => {
    const r = await searchGuide({ ctx: agent, input: { q: 'merging customers', area: 'desk', locale: 'en' } });
    expect(ids(r)).toContain('desk-customer');
    const db = await getDb();
    const logged = await db
      .select()
      .from(helpSearches)
      .where(and(eq(helpSearches.userId, agentId), eq(helpSearches.query, 'merging customers')));
    expect(logged).toMatchObject([{ surface: 'guide', locale: 'en', results: r.results.length }]);
  });

  it("searches the admin guide for admins, one document per '##' section", async () => {
    const r = await searchGuide({ ctx: admin, input: { q: 'backup restore', area: 'admin', locale: 'en' } });
    expect(ids(r)[0]).toBe('admin-backups');
    const db = await getDb();
    const docs = await db
      .select({ sectionId: helpSearchDocuments.sectionId })
      .from(helpSearchDocuments)
      .where(and(eq(helpSearchDocuments.source, 'guide:admin'), eq(helpSearchDocuments.locale, 'en')));
    expect(docs.map((d) => d.sectionId)).toEqual(expect.arrayContaining(['admin-backups', 'admin-sla', 'admin-help']));
  });

  it('indexes once: a second check with the same file writes nothing', async () => {
    await ensureGuideIndexed('desk', 'zh-CN');
    const db = await getDb();
    const before = await db
      .select({ id: helpSearchDocuments.id })
      .from(helpSearchDocuments)
      .where(and(eq(helpSearchDocuments.source, 'guide:desk'), eq(helpSearchDocuments.locale, 'zh-CN')));
    await ensureGuideIndexed('desk', 'zh-CN');
    const after = await db
      .select({ id: helpSearchDocuments.id })
      .from(helpSearchDocuments)
      .where(and(eq(helpSearchDocuments.source, 'guide:desk'), eq(helpSearchDocuments.locale, 'zh-CN')));
    expect(after.map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    expect(before.length).toBeGreaterThan(20);
  });

  it('answers an empty or punctuation-only query with no results', async () => {
    expect((await searchGuide({ ctx: agent, input: { q: '  ', area: 'desk', locale: 'zh-CN' } })).results).toEqual([]);
    expect((await searchGuide({ ctx: agent, input: { q: '？？！', area: 'desk', locale: 'zh-CN' } })).results).toEqual(
      [],
    );
  });

  it('refuses the admin guide to agents, either guide to customers, and anonymous callers', async () => {
    await expect(
      searchGuide({ ctx: agent, input: { q: 'backup', area: 'admin', locale: 'en' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const { customer } = await orderOfNewCustomer(agent, (await createTestProduct()).sku);
    await expect(
      searchGuide({ ctx: customer, input: { q: 'orders', area: 'desk', locale: 'en' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      searchGuide({ ctx: anonymousCtx(), input: { q: 'orders', area: 'desk', locale: 'en' } }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
