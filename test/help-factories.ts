import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { helpCategories } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { publishArticle, saveArticle } from '@/lib/help/mutations';

/** A help category of its own (unique slug), so tests on a shared database never share one. */
export async function createTestHelpCategory() {
  const db = await getDb();
  const tag = randomUUID().slice(0, 8);
  const [c] = await db
    .insert(helpCategories)
    .values({ slug: `t-${tag}`, nameZh: `测试分类 ${tag}`, nameEn: `Test category ${tag}` })
    .returning();
  return c!;
}

/** A published article with a unique slug, written and published through the authoring verbs. */
export async function publishTestArticle(
  author: Ctx,
  categoryId: string,
  text: { titleZh?: string; bodyZh?: string; titleEn?: string; bodyEn?: string },
) {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const saved = await saveArticle({ ctx: author, input: { slug, categoryId, ...text } });
  await publishArticle({ ctx: author, input: { id: saved.id, version: saved.version } });
  return { id: saved.id, slug };
}
