import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { indexPublishedInTx } from '@/lib/help/index-article';
import type { Db } from '../client';
import { helpArticles, helpArticleVersions, helpCategories, users } from '../schema';

/**
 * The help center's starting articles (db/seed/help: categories.json and
 * articles/<slug>.<locale>.md with a small frontmatter block), published as version 1 by the demo
 * supervisor and indexed for search. Idempotent: an article whose slug exists is left alone.
 */

const SEED_DIR = path.join(process.cwd(), 'db', 'seed', 'help');

export type SeedHelpCategory = {
  slug: string;
  position: number;
  name: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
};

export type SeedHelpTranslation = { title: string; description: string; body: string };
export type SeedHelpArticle = {
  slug: string;
  category: string;
  position: number;
  related: string[];
  zh: SeedHelpTranslation | null;
  en: SeedHelpTranslation | null;
};

/** `---\nkey: value\n---\nbody` → fields and body; throws with the file name on a malformed file. */
export function parseFrontmatter(source: string, file: string): { fields: Record<string, string>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`${file}: missing the --- frontmatter block`);
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([a-z]+):\s*(.*)$/.exec(line.trim());
    if (kv) fields[kv[1]!] = kv[2]!.trim();
  }
  return { fields, body: m[2]!.trim() + '\n' };
}

export function loadHelpSeed(dir = SEED_DIR): { categories: SeedHelpCategory[]; articles: SeedHelpArticle[] } {
  const categories = JSON.parse(fs.readFileSync(path.join(dir, 'categories.json'), 'utf8')) as SeedHelpCategory[];
  const bySlug = new Map<string, SeedHelpArticle>();
  const articleDir = path.join(dir, 'articles');
  for (const file of fs.readdirSync(articleDir).sort()) {
    const m = /^([a-z0-9-]+)\.(zh-CN|en)\.md$/.exec(file);
    if (!m) continue;
    const [, slug, locale] = m;
    const { fields, body } = parseFrontmatter(fs.readFileSync(path.join(articleDir, file), 'utf8'), file);
    if (!fields.title || !fields.category) throw new Error(`${file}: title and category are required`);
    const article = bySlug.get(slug!) ?? {
      slug: slug!,
      category: fields.category,
      position: Number(fields.position ?? 0) || 0,
      related: (fields.related ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      zh: null,
      en: null,
    };
    article[locale === 'en' ? 'en' : 'zh'] = { title: fields.title, description: fields.description ?? '', body };
    bySlug.set(slug!, article);
  }
  return { categories, articles: [...bySlug.values()] };
}

export async function seedHelpCenter(db: Db): Promise<{ articlesCreated: number }> {
  const { categories, articles } = loadHelpSeed();
  return db.transaction(async (tx) => {
    await tx
      .insert(helpCategories)
      .values(
        categories.map((c) => ({
          slug: c.slug,
          position: c.position,
          nameZh: c.name['zh-CN'],
          nameEn: c.name.en,
          descriptionZh: c.description['zh-CN'],
          descriptionEn: c.description.en,
        })),
      )
      .onConflictDoNothing({ target: helpCategories.slug });
    const cats = new Map((await tx.select().from(helpCategories)).map((c) => [c.slug, c.id]));
    const [author] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'supervisor@example.com'));
    let articlesCreated = 0;
    for (const a of articles) {
      const categoryId = cats.get(a.category);
      if (!categoryId) throw new Error(`help article ${a.slug}: unknown category ${a.category}`);
      const text = {
        titleZh: a.zh?.title ?? null,
        descriptionZh: a.zh?.description ?? null,
        bodyZh: a.zh?.body ?? null,
        titleEn: a.en?.title ?? null,
        descriptionEn: a.en?.description ?? null,
        bodyEn: a.en?.body ?? null,
      };
      const [row] = await tx
        .insert(helpArticles)
        .values({
          slug: a.slug,
          categoryId,
          position: a.position,
          related: a.related,
          status: 'published',
          publishedVersion: 1,
          unpublishedChanges: false,
          publishedAt: sql`now()`,
          createdBy: author?.id ?? null,
          updatedBy: author?.id ?? null,
          ...text,
        })
        .onConflictDoNothing({ target: helpArticles.slug })
        .returning({ id: helpArticles.id });
      if (!row) continue;
      await tx
        .insert(helpArticleVersions)
        .values({ articleId: row.id, number: 1, publishedBy: author?.id ?? null, ...text });
      await indexPublishedInTx(tx, row.id);
      articlesCreated++;
    }
    return { articlesCreated };
  });
}
