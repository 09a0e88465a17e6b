import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { transaction } from '@/db/tx';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';
import { z } from 'zod';
import { replaceSourceInTx } from '@/lib/help/index-sql';
import { markdownSections } from '@/lib/help/markdown';
import { logSearch } from '@/lib/help/reader';
import { HELP_LOCALES } from '@/lib/help/schemas';
import { searchDocuments } from '@/lib/help/search';
import type { Locale } from '@/lib/i18n/config';
import { getGuideSource } from './content';
import { GUIDE_AREAS, type GuideArea } from './sections';

/**
 * The staff guide (docs/guide/<locale>/<area>.md) searched with the help center's engine. The
 * files ship with the app, so the index follows them: before a search, the file's fingerprint is
 * compared with what the index holds, and a changed file is re-indexed (one `##` section = one
 * result linking to its heading). An advisory lock keeps two instances from re-indexing at once.
 */

/** Fingerprints this process has already found in the index, by area:locale (files change on deploy). */
const checked = new Map<string, string>();

function fingerprint(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 32);
}

/** The guide's sections as index documents; the content hash of each row is the file's. */
function sectionsOf(source: string) {
  return markdownSections(source, 2)
    .filter((s) => s.id && s.heading)
    .map((s) => ({ sectionId: s.id, title: s.heading, headings: [] as string[], body: s.text }));
}

export async function ensureGuideIndexed(area: GuideArea, locale: Locale): Promise<void> {
  const source = await getGuideSource(area, locale);
  const hash = fingerprint(source);
  const key = `${area}:${locale}`;
  if (checked.get(key) === hash) return;
  const db = await getDb();
  const indexSource = `guide:${area}` as const;
  const [row] = rowsOf<{ hash: string | null }>(
    await db.execute(
      sql`select min(content_hash) as hash from help_search_documents where source = ${indexSource} and locale = ${locale}`,
    ),
  );
  if (row?.hash !== hash) {
    await transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`help-guide:${area}:${locale}`}))`);
      const [again] = rowsOf<{ hash: string | null }>(
        await tx.execute(
          sql`select min(content_hash) as hash from help_search_documents where source = ${indexSource} and locale = ${locale}`,
        ),
      );
      if (again?.hash === hash) return;
      await replaceSourceInTx(tx, indexSource, locale, sectionsOf(source), hash);
    });
  }
  checked.set(key, hash);
}

const GuideSearchInput = z.object({
  q: z.string().max(2000).optional().default(''),
  area: z.enum(GUIDE_AREAS),
  locale: z.enum(HELP_LOCALES).catch('zh-CN'),
});

export type GuideHit = { sectionId: string; title: string; titleHtml: string; snippetHtml: string };

/** Searches the guide of an area the caller may open (the desk's for desk users, the admin's for admins). */
export async function searchGuide({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const raw = (input ?? {}) as { area?: unknown };
  authorize(ctx.actor, raw.area === 'admin' ? 'access:admin:any' : 'access:desk:any');
  const data = parseInput(GuideSearchInput, input);
  const query = data.q.trim();
  if (!query) return { query, results: [] as GuideHit[] };
  await ensureGuideIndexed(data.area, data.locale);
  const { hits } = await searchDocuments({ query, source: `guide:${data.area}`, locale: data.locale, limit: 10 });
  const results: GuideHit[] = hits
    .filter((h) => h.sectionId)
    .map((h) => ({ sectionId: h.sectionId!, title: h.title, titleHtml: h.titleHtml, snippetHtml: h.snippetHtml }));
  await transaction((tx) =>
    logSearch(tx, ctx, { surface: 'guide', locale: data.locale, query, results: results.length }),
  );
  return { query, results };
}
