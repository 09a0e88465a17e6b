import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '@/lib/context';
import { createTestUser, ctxFor } from '@/test/factories';
import { createTestHelpCategory, publishTestArticle } from '@/test/help-factories';
import { getPublishedArticle, listHelpCategories, listHelpTopicArticles, relatedArticles } from './public';

/**
 * Related articles under a published one: the author's picks first, then articles the engine finds
 * for its title, in the same topic first, and none that only share a common word. Each run uses a
 * made-up product word, so other tests' articles on a shared database never match.
 */

let author: Ctx;
const word = `zq${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  author = await ctxFor(await createTestUser({ role: 'supervisor' }));
});

describe('relatedArticles', () => {
  it('lists picks first, then close matches in the same topic first, and leaves out loose ones', async () => {
    const [topic, other] = [await createTestHelpCategory(), await createTestHelpCategory()];
    const main = await publishTestArticle(author, topic.id, {
      titleEn: `Charging the ${word} headphones`,
      bodyEn: `## Charging\nPlug the ${word} headphones into USB-C for two hours.`,
    });
    const sameTopic = await publishTestArticle(author, topic.id, {
      titleEn: `${word} headphones do not charge`,
      bodyEn: `## Checks\nTry another cable for the ${word} headphones.`,
    });
    const otherTopic = await publishTestArticle(author, other.id, {
      titleEn: `Charging ${word} headphones on a plane`,
      bodyEn: `## On board\nThe ${word} headphones charge from the seat's USB port.`,
    });
    const loose = await publishTestArticle(author, other.id, {
      titleEn: 'Opening hours of the service desk',
      bodyEn: '## Hours\nWe answer from 9 to 18. Charging stations are in the lobby.',
    });
    const picked = await publishTestArticle(author, other.id, {
      titleEn: 'Warranty card',
      bodyEn: '## Card\nKeep the warranty card with the receipt.',
    });

    const article = (await getPublishedArticle(main.slug, 'en'))!;
    const list = await relatedArticles(article, [picked.slug], 'en');
    const slugs = list.map((r) => r.slug);
    expect(slugs[0]).toBe(picked.slug);
    expect(slugs).toContain(sameTopic.slug);
    expect(slugs).toContain(otherTopic.slug);
    expect(slugs.indexOf(sameTopic.slug)).toBeLessThan(slugs.indexOf(otherTopic.slug));
    expect(slugs).not.toContain(loose.slug);
    expect(slugs).not.toContain(main.slug);
    expect(list.length).toBeLessThanOrEqual(5);
  });
});

describe('listHelpCategories', () => {
  it('counts each topic’s articles in the reader’s language, lists the first few, and pages through one topic', async () => {
    const [topic, other] = [await createTestHelpCategory(), await createTestHelpCategory()];
    const inTopic = [];
    for (let i = 0; i < 4; i++)
      inTopic.push(
        await publishTestArticle(author, topic.id, { titleZh: `${word} 第${i}篇`, bodyZh: `## 内容\n${word}` }),
      );
    // English only: not counted for a Chinese reader.
    await publishTestArticle(author, topic.id, { titleEn: `${word} English only`, bodyEn: `## Body\n${word}` });
    await publishTestArticle(author, other.id, { titleZh: `${word} 其他`, bodyZh: `## 内容\n${word}` });

    const find = (list: Awaited<ReturnType<typeof listHelpCategories>>, id: string) => list.find((c) => c.id === id)!;
    const firstTwo = await listHelpCategories('zh-CN', 2);
    expect(find(firstTwo, topic.id)).toMatchObject({ articleCount: 4 });
    expect(find(firstTwo, topic.id).articles).toHaveLength(2);
    expect(find(firstTwo, other.id)).toMatchObject({ articleCount: 1 });
    expect(find(await listHelpCategories('en', 2), topic.id).articles.map((a) => a.title)).toEqual([
      `${word} English only`,
    ]);

    expect(find(await listHelpCategories('zh-CN', 0), other.id)).toMatchObject({ articleCount: 1, articles: [] });
    // The listing is kept per process until an article changes: a new one shows at once.
    await publishTestArticle(author, other.id, { titleZh: `${word} 新的`, bodyZh: `## 内容\n${word}` });
    expect(find(await listHelpCategories('zh-CN', 0), other.id)).toMatchObject({ articleCount: 2 });

    // A topic's own page pages through all of them, in the authors' order, without repeats.
    const first = await listHelpTopicArticles('zh-CN', topic.id, undefined, 3);
    expect(first.items).toHaveLength(3);
    const rest = await listHelpTopicArticles('zh-CN', topic.id, first.nextCursor!, 3);
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((a) => a.slug).sort()).toEqual(inTopic.map((a) => a.slug).sort());
    // A cursor edited by hand starts from the top.
    expect((await listHelpTopicArticles('zh-CN', topic.id, 'junk', 3)).items).toEqual(first.items);
  });
});
