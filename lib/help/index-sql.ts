import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { codesIn, foldText, segmentForIndex } from './segment';

/**
 * Writing the help search index (see lib/help/search.ts for how it is read). No `server-only`:
 * the demo seed indexes its articles through the same code the app uses.
 */

export type SearchSource = 'article' | 'guide:desk' | 'guide:admin';

export type IndexDocument = {
  source: SearchSource;
  articleId?: string | null;
  sectionId?: string | null;
  locale: string;
  title: string;
  headings: string[];
  body: string;
};

export function documentHash(doc: IndexDocument): string {
  return createHash('sha256')
    .update(JSON.stringify([doc.title, doc.headings, doc.body]))
    .digest('hex')
    .slice(0, 32);
}

/** The SQL values of one index row (segmentation happens here, in Node). */
function indexValues(doc: IndexDocument, contentHash?: string) {
  const headings = doc.headings.join('\n');
  const trigram = [foldText(doc.title), foldText(headings), ...codesIn(`${doc.title}\n${headings}\n${doc.body}`)]
    .join(' ')
    .slice(0, 4000);
  return sql`${doc.source}, ${doc.articleId ?? null}, ${doc.sectionId ?? null}, ${doc.locale}, ${doc.title}, ${doc.body},
    setweight(to_tsvector('simple', ${segmentForIndex(doc.title)}), 'A')
      || setweight(to_tsvector('simple', ${segmentForIndex(headings)}), 'B')
      || setweight(to_tsvector('simple', ${segmentForIndex(doc.body)}), 'C'),
    setweight(to_tsvector('english', ${doc.title}), 'A')
      || setweight(to_tsvector('english', ${headings}), 'B')
      || setweight(to_tsvector('english', ${doc.body}), 'C'),
    ${trigram}, ${contentHash ?? documentHash(doc)}`;
}

/** Replaces an article's row for one language (or removes it when the language has no text). */
export async function indexArticleInTx(
  tx: Queryable,
  articleId: string,
  locale: string,
  doc: Omit<IndexDocument, 'source' | 'articleId' | 'locale'> | null,
): Promise<void> {
  await tx.execute(sql`delete from help_search_documents where article_id = ${articleId} and locale = ${locale}`);
  if (!doc) return;
  await insertDocument(tx, indexValues({ ...doc, source: 'article', articleId, locale }));
}

export async function removeArticleFromIndexInTx(tx: Queryable, articleId: string): Promise<void> {
  await tx.execute(sql`delete from help_search_documents where article_id = ${articleId}`);
}

/** Replaces every row of a source and language at once (the guide, re-read from its files). */
export async function replaceSourceInTx(
  tx: Queryable,
  source: SearchSource,
  locale: string,
  docs: Omit<IndexDocument, 'source' | 'locale'>[],
  /** One fingerprint for every row (the guide file's), so a changed file is spotted with one read. */
  contentHash?: string,
): Promise<void> {
  await tx.execute(sql`delete from help_search_documents where source = ${source} and locale = ${locale}`);
  for (const doc of docs) {
    await insertDocument(tx, indexValues({ ...doc, source, locale }, contentHash));
  }
}

/**
 * The postings of documents (see help_search_postings): each word's weight in the document from
 * its tsvector positions — in the title 1.2 (once is enough), in headings 0.5·ln(1+n), in the
 * text 0.4·ln(1+n) — so a word in the title outweighs twenty mentions in the text. English
 * lexemes are kept only when they are Latin (the english parser also emits whole Chinese runs).
 */
export const POSTINGS_SELECT = sql.raw(`
  select d.source || ':' || d.locale, t.term, d.id,
    (1.2 * least(sum(t.a), 1) + 0.5 * ln(1 + sum(t.b)) + 0.4 * ln(1 + sum(t.c) + 0.5 * sum(t.dd)))::real
  from help_search_documents d
  cross join lateral (
    select u.lexeme as term, w.a, w.b, w.c, w.dd
    from unnest(d.simple_tsv) as u(lexeme, positions, weights)
    cross join lateral (
      select count(*) filter (where x::text = 'A') as a, count(*) filter (where x::text = 'B') as b,
             count(*) filter (where x::text = 'C') as c, count(*) filter (where x::text = 'D') as dd
      from unnest(u.weights) x) w
    union all
    select 'e:' || u.lexeme, w.a, w.b, w.c, w.dd
    from unnest(d.english_tsv) as u(lexeme, positions, weights)
    cross join lateral (
      select count(*) filter (where x::text = 'A') as a, count(*) filter (where x::text = 'B') as b,
             count(*) filter (where x::text = 'C') as c, count(*) filter (where x::text = 'D') as dd
      from unnest(u.weights) x) w
    where u.lexeme ~ '^[ -~]+$'
  ) t`);

/** Lexicon words: Latin letters, digits and hyphens (english stems are stored as e:<stem>). */
const LEXICON_TERM = '^[a-z0-9-]+$';

async function insertDocument(tx: Queryable, values: ReturnType<typeof sql>): Promise<void> {
  const [row] = rowsOf<{ id: number | string }>(
    await tx.execute(sql`
      insert into help_search_documents
        (source, article_id, section_id, locale, title, body, simple_tsv, english_tsv, trigram_text, content_hash)
      values (${values})
      returning id`),
  );
  await tx.execute(sql`
    insert into help_search_postings (scope, term, document_id, score)
    ${POSTINGS_SELECT}
    where d.id = ${Number(row!.id)}
    group by d.source, d.locale, t.term, d.id`);
  // The document's Latin words and codes join the lexicon (the typo and SKU look-up). Codes are
  // read whole from trigram_text: the simple parser cuts ph-x12-128 into ph-x12 and 128.
  await tx.execute(sql`
    insert into help_search_terms (scope, term, code)
    select d.source || ':' || d.locale, w.term, bool_or(w.code)
    from help_search_documents d
    cross join lateral (
      select p.term, false as code from help_search_postings p
      where p.document_id = d.id and p.term ~ ${LEXICON_TERM} and length(p.term) >= 3
      union all
      select c, true from regexp_split_to_table(d.trigram_text, '\s+') as c
      where c ~ ${LEXICON_TERM} and c ~ '[a-z]' and c ~ '[0-9]' and length(c) >= 3
    ) w
    where d.id = ${Number(row!.id)}
    group by 1, 2
    on conflict (scope, term) do update set code = help_search_terms.code or excluded.code`);
}
