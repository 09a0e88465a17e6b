import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { transaction } from '@/db/tx';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';
import { z } from 'zod';
import { replaceSourceInTx } from './index-sql';
import { markdownSections } from './markdown';
import { logSearch } from './reader';
import { HELP_LOCALES } from './schemas';
import { searchDocuments } from './search';

/**
 * The staff guide (docs/guide/<locale>/<area>.md) searched with the help center's engine. The
 * files ship with the app, so the index follows them: before a search, each file's fingerprint is
 * compared with what the index holds, and a changed file is re-indexed (one `##` section = one
 * result linking to its heading). An advisory lock keeps two instances from re-indexing at once.
 */

export const GUIDE_AREAS = ['desk', 'admin'] as const;
export type GuideArea = (typeof GUIDE_AREAS)[number];

const GUIDE_DIR = path.join(process.cwd(), 'docs', 'guide');

export function guideFile(locale: string, area: GuideArea): string {
  return path.join(GUIDE_DIR, locale, `${area}.md`);
}

/** Files already checked by this process, by path → fingerprint (a file changes only on deploy). */
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

export async function ensureGuideIndexed(area: GuideArea, locale: string): Promise<void> {
  const file = guideFile(locale, area);
  if (!fs.existsSync(file)) return;
  const source = fs.readFileSync(file, 'utf8');
  const hash = fingerprint(source);
  if (checked.get(file) === hash) return;
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
  checked.set(file, hash);
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
  await logSearch(await getDb(), ctx, { surface: 'guide', locale: data.locale, query, results: results.length });
  return { query, results };
}
