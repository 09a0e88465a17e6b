import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@/db/tx';
import type { Ctx } from '@/lib/context';
import { publish } from '@/lib/realtime/publish';
import { getShopProfile, updateShopName } from '@/lib/shop/profile';
import { createTestUser, ctxFor } from '@/test/factories';
import { publishArticle, saveArticle, saveCategory } from './mutations';
import { helpPages, type KeptPage } from './page-cache';
import { keepHelpPagesCurrent } from './page-cache-feed';

/**
 * The public help pages' copy is kept current by notices (#13), on PGlite and on PostgreSQL:
 * every verb that changes what a help page shows empties it, and so does a notice from another
 * instance, delivered through LISTEN/NOTIFY on commit — and only on commit.
 */

const kept: KeptPage = { parts: ['<p>', '</p>'], headers: [], bytes: 20 };
const tag = () => randomUUID().slice(0, 8);
let supervisor: Ctx;
let admin: Ctx;

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Puts one page in the copy and answers whether it is still there. */
async function keepOnePage(): Promise<() => boolean> {
  const key = `test|${tag()}`;
  await helpPages().fill(key, async () => kept);
  expect(helpPages().get(key)).toBeDefined();
  return () => helpPages().get(key) !== undefined;
}

beforeAll(async () => {
  keepHelpPagesCurrent();
  await until(() => helpPages().serving);
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  admin = await ctxFor(await createTestUser({ role: 'admin' }));
});

describe('the help pages copy', () => {
  it('empties when another instance announces a change, once that commits', async () => {
    const stillKept = await keepOnePage();
    await transaction(async (tx) => {
      await publish(tx, { type: 'help' });
      // Not yet committed: no instance has heard of it.
      await new Promise((r) => setTimeout(r, 50));
      expect(stillKept()).toBe(true);
    });
    await until(() => !stillKept());
  });

  it('hears nothing of a change that was rolled back', async () => {
    const stillKept = await keepOnePage();
    await expect(
      transaction(async (tx) => {
        await publish(tx, { type: 'help' });
        throw new Error('changed their mind');
      }),
    ).rejects.toThrow('changed their mind');
    await new Promise((r) => setTimeout(r, 100));
    expect(stillKept()).toBe(true);
  });

  it('empties on every change a help page shows: topic, article, publish, shop name', async () => {
    let stillKept = await keepOnePage();
    const category = await saveCategory({
      ctx: supervisor,
      input: { slug: `feed-${tag()}`, nameZh: '通知', nameEn: 'Notices', position: 98 },
    });
    expect(stillKept()).toBe(false);

    stillKept = await keepOnePage();
    const article = await saveArticle({
      ctx: supervisor,
      input: {
        slug: `feed-${tag()}`,
        categoryId: category.id,
        position: 1,
        related: [],
        titleZh: '标题',
        descriptionZh: '',
        bodyZh: '正文',
        titleEn: 'Title',
        descriptionEn: '',
        bodyEn: 'Body',
      },
    });
    expect(stillKept()).toBe(false);

    stillKept = await keepOnePage();
    await publishArticle({ ctx: supervisor, input: { id: article.id, version: article.version } });
    expect(stillKept()).toBe(false);

    const before = await getShopProfile();
    stillKept = await keepOnePage();
    await updateShopName({ ctx: admin, input: { name: `Shop ${tag()}` } });
    expect(stillKept()).toBe(false);
    await updateShopName({ ctx: admin, input: before });
  });
});
