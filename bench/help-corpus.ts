/**
 * The help center's benchmark corpus: the demo's real articles, then variants of them up to
 * HELP_ARTICLES (default 10,000) — each a real article's text about one more product of the
 * catalogue, so the index holds the words and codes a shop's help center would — published and
 * indexed through the app's own indexing code.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { PRODUCTS } from '@/db/seed/catalog';
import { loadHelpSeed, seedHelpCenter } from '@/db/seed/help';
import { indexPublishedInTx } from '@/lib/help/index-article';

export const HELP_ARTICLES = Number(process.env.HELP_ARTICLES ?? 10_000);

export async function ensureHelpCorpus(db: Db): Promise<number> {
  await seedHelpCenter(db);
  const count = async () =>
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from help_articles`))[0]!.n;
  const have = await count();
  if (have >= HELP_ARTICLES) return have;
  const t0 = performance.now();
  const { articles } = loadHelpSeed();
  const base = articles.filter((a) => a.zh && a.en);
  const cats = new Map(
    rowsOf<{ id: string; slug: string }>(await db.execute(sql`select id, slug from help_categories`)).map((c) => [
      c.slug,
      c.id,
    ]),
  );
  for (let start = have; start < HELP_ARTICLES; start += 500) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(start + 500, HELP_ARTICLES); i++) {
        const a = base[i % base.length]!;
        const p = PRODUCTS[i % PRODUCTS.length]!;
        const zh = {
          title: `${a.zh!.title}（${p.name}）`,
          description: a.zh!.description,
          body: `${a.zh!.body}\n\n## ${p.name} 的说明\n\n商品编码 ${p.sku}，保修 ${p.warrantyDays ?? 0} 天。第 ${i} 篇。\n`,
        };
        const en = {
          title: `${a.en!.title} (${p.sku})`,
          description: a.en!.description,
          body: `${a.en!.body}\n\n## About ${p.sku}\n\nProduct code ${p.sku}, warranty ${p.warrantyDays ?? 0} days. Article ${i}.\n`,
        };
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(sql`
            insert into help_articles (slug, category_id, status, published_version, unpublished_changes, published_at,
              title_zh, description_zh, body_zh, title_en, description_en, body_en)
            values (${`bench-${i}`}, ${cats.get(a.category)!}, 'published', 1, false, now(),
              ${zh.title}, ${zh.description}, ${zh.body}, ${en.title}, ${en.description}, ${en.body})
            on conflict (slug) do nothing returning id`),
        );
        if (!row) continue;
        await tx.execute(sql`
          insert into help_article_versions (article_id, number, title_zh, description_zh, body_zh, title_en, description_en, body_en)
          values (${row.id}, 1, ${zh.title}, ${zh.description}, ${zh.body}, ${en.title}, ${en.description}, ${en.body})`);
        await indexPublishedInTx(tx, row.id);
      }
    });
  }
  await db.execute(sql`analyze help_search_documents`);
  const n = await count();
  console.log(`help corpus: ${n} articles (${((performance.now() - t0) / 1000).toFixed(1)} s to add ${n - have})`);
  return n;
}
