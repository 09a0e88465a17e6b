import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import type { SearchSource } from './index-sql';
import { isCodeLike, queryTerms, withSynonyms } from './segment';
import { MAX_QUERY_LENGTH } from './limits';
import { highlight, snippetOf } from './snippet';

/**
 * The help search engine, shared by the public help center, the request form's suggestions and the
 * staff guide. One SQL shape on PGlite and PostgreSQL:
 *  - words: a `simple` tsvector of jieba-segmented text (Chinese) and an `english` one (stemming),
 *    each weighted title A > headings B > body C; a document matching every word gets a bonus;
 *  - typos and part numbers: a Latin word the index lacks, and every code (PH-X12-128), also
 *    searches the indexed words most like it (pg_trgm word similarity over the lexicon).
 */

export type { SearchSource };

/** Word similarity a typo or a part number must reach (pg_trgm's default is 0.6). */
const TYPO_THRESHOLD = 0.4;
/** Indexed words taken per typed word, the most alike first. */
const NEIGHBOURS_PER_WORD = 3;
/** An indexed word found for a typo counts this much times its similarity (AP-RC300 for ap-rc3oo: 0.5). */
const FUZZY_FACTOR = 0.8;

export type SearchHit = {
  articleId: string | null;
  sectionId: string | null;
  title: string;
  /** Escaped HTML with the matched words in <mark>. */
  titleHtml: string;
  snippetHtml: string;
  rank: number;
};

/** Documents read per query word: enough for 20 pages of results and for every word to meet. */
const CANDIDATES_PER_WORD = 300;
/** Document frequency is counted up to this (idf = ln(1 + cap / df)): rare words weigh up to ~6×. */
const DF_CAP = 300;
const ALL_WORDS_BONUS = 1.5;
/** A synonym counts for less than the word the reader typed (三包 finds the 三包 article before a 保修 one). */
const SYNONYM_FACTOR = 0.7;
/**
 * Context words (the request form's reason and type labels) count for a third of the reader's own
 * words and never towards the all-words bonus: "Return & refund" matches many articles, the
 * customer's "the zip broke" says which one.
 */
const CONTEXT_FACTOR = 0.3;

/** What the lexicon holds: Latin words, digits and codes (see help_search_terms). */
const LEXICON_WORD = /^[a-z0-9-]+$/;

/**
 * Searches one source in one language. The query is cut into words here; what is left after
 * punctuation, emoji and question words is searched; nothing left means no results, not an error.
 */
export async function searchDocuments(
  input: {
    query: string;
    /** Words about the query (form labels) that rank lower than its own words; see CONTEXT_FACTOR. */
    context?: string;
    source: SearchSource;
    locale: string;
    limit: number;
    offset?: number;
    excludeArticleId?: string;
  },
  db?: Queryable,
): Promise<{ hits: SearchHit[]; terms: string[] }> {
  const own = queryTerms(input.query.slice(0, MAX_QUERY_LENGTH));
  const contextual = input.context ? queryTerms(input.context.slice(0, MAX_QUERY_LENGTH)) : [];
  // With no words of its own the context is the query (a form with only a reason picked).
  const terms = own.length ? own : contextual;
  if (!terms.length) return { hits: [], terms };
  const context = own.length ? contextual.filter((t) => !own.includes(t)) : [];
  const groups = [...terms, ...context];
  const factorOf = (g: number) => (g < terms.length ? 1 : CONTEXT_FACTOR);
  const conn = db ?? (await getDb());
  const latin = groups.filter((t) => /^[\p{Script=Latin}\p{N}-]+$/u.test(t));
  const exclude = input.excludeArticleId
    ? sql`and document_id not in (select id from help_search_documents where article_id = ${input.excludeArticleId})`
    : sql``;
  const offset = input.offset ?? 0;
  const scope = `${input.source}:${input.locale}`;
  // Each query word is a group: the word and its synonyms, as PostgreSQL's parsers turn them into
  // lexemes (simple for the segmented words, english stems as e:<stem>).
  // Typos and mistyped part numbers: Latin words the index does not have, and every code, also
  // search the indexed words most like them (the lexicon, a trigram index on short strings).
  const fuzzy = await fuzzyNeighbours(conn, scope, terms);
  const weigh = (t: string, g: number) =>
    withSynonyms(t).map((w) => ({ w, g, f: factorOf(g) * (w === t ? 1 : SYNONYM_FACTOR) }));
  const near = fuzzy.map((n) => ({ w: n.term, g: n.group, f: FUZZY_FACTOR * n.similarity }));
  const words = [...groups.flatMap((t, g) => weigh(t, g)), ...near];
  const latinWords = [...latin.flatMap((t) => weigh(t, groups.indexOf(t))), ...near];
  const intArray = (xs: number[]) =>
    sql`array[${sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    )}]::int[]`;
  const floatArray = (xs: number[]) =>
    sql`array[${sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    )}]::float8[]`;
  const latinTerms = latinWords.length
    ? sql`union
        select x.g, 'e:' || u.lexeme, x.f
        from unnest(${textArray(latinWords.map((l) => l.w))}, ${intArray(latinWords.map((l) => l.g))},
                    ${floatArray(latinWords.map((l) => l.f))}) as x(t, g, f)
        cross join lateral unnest(to_tsvector('english', x.t)) as u(lexeme, positions, weights)`
    : sql``;

  // Ranking reads postings, not documents: for each lexeme only its best CANDIDATES_PER_WORD
  // documents (an index range scan), weighted by how rare the word is (idf over a capped count),
  // the best lexeme of each group counted, plus a bonus when every group is present.
  const rows = rowsOf<{
    article_id: string | null;
    section_id: string | null;
    title: string;
    body: string;
    rank: number;
  }>(
    await conn.execute(sql`
      with qt(g, term, f) as materialized (
        select x.g, u.lexeme, x.f
        from unnest(${textArray(words.map((w) => w.w))}, ${intArray(words.map((w) => w.g))},
                    ${floatArray(words.map((w) => w.f))}) as x(t, g, f)
        cross join lateral unnest(to_tsvector('simple', x.t)) as u(lexeme, positions, weights)
        ${latinTerms}
      ),
      df as materialized (
        select t.term, (select count(*) from (select 1 from help_search_postings p
                        where p.scope = ${scope} and p.term = t.term limit ${DF_CAP}) c) as n
        from (select distinct term from qt) t
      ),
      hits as (
        select p.document_id, qt.g, max(qt.f * p.score * ln(1 + ${DF_CAP}::float8 / greatest(df.n, 1))) as s
        from qt join df on df.term = qt.term
        cross join lateral (select document_id, score from help_search_postings p
                            where p.scope = ${scope} and p.term = qt.term
                            order by p.score desc nulls last limit ${CANDIDATES_PER_WORD}) p
        group by p.document_id, qt.g
      ),
      ranked as (
        select document_id, sum(s) + case when count(*) filter (where g < ${terms.length}) = ${terms.length} then ${ALL_WORDS_BONUS}::float8 else 0 end as rank
        from hits where true ${exclude} group by document_id
        order by rank desc, document_id
        limit ${input.limit} offset ${offset}
      )
      select d.article_id, d.section_id, d.title, d.body, r.rank::float8 as rank
      from ranked r join help_search_documents d on d.id = r.document_id
      order by r.rank desc, d.id`),
  );

  const found = rows;

  return {
    terms,
    hits: found.map((r) => ({
      articleId: r.article_id,
      sectionId: r.section_id,
      title: r.title,
      titleHtml: highlight(r.title, terms),
      snippetHtml: snippetOf(r.body, terms),
      rank: Number(r.rank),
    })),
  };
}

type Neighbour = { group: number; term: string; similarity: number };

const textArray = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

/**
 * The indexed words most like each typed Latin word the index does not hold, and the indexed codes
 * most like each typed code (a mistyped SKU may be another SKU that exists). A primary-key read
 * tells which words are known; only the others are compared (pg_trgm word similarity over the
 * lexicon, codes among codes only), with the threshold lowered for this transaction only:
 * "refnud" ~ refund is 0.43.
 */
async function fuzzyNeighbours(conn: Queryable, scope: string, terms: string[]): Promise<Neighbour[]> {
  const latin = terms.filter((t) => t.length >= 3 && LEXICON_WORD.test(t));
  if (!latin.length) return [];
  const known = new Set(
    rowsOf<{ term: string }>(
      await conn.execute(
        sql`select term from help_search_terms where scope = ${scope} and term = any(${textArray(latin)})`,
      ),
    ).map((r) => r.term),
  );
  const asked = terms
    .map((term, group) => ({ term, group, code: isCodeLike(term) }))
    .filter((t) => latin.includes(t.term) && (t.code || !known.has(t.term)));
  if (!asked.length) return [];
  const rows = await conn.transaction(async (tx) => {
    await tx.execute(sql`set local pg_trgm.word_similarity_threshold = ${sql.raw(String(TYPO_THRESHOLD))}`);
    return rowsOf<{ g: number; term: string; sim: number }>(
      await tx.execute(sql`
        select q.g, n.term, n.sim::float8 as sim
        from unnest(${textArray(asked.map((a) => a.term))}, ${sql`array[${sql.join(
          asked.map((a) => sql`${a.group}`),
          sql`, `,
        )}]::int[]`}, ${sql`array[${sql.join(
          asked.map((a) => sql`${a.code}`),
          sql`, `,
        )}]::boolean[]`}) as q(w, g, code)
        cross join lateral (
          select t.term, word_similarity(q.w, t.term) as sim
          from help_search_terms t
          where t.scope = ${scope} and (t.code or not q.code) and q.w <% t.term and t.term <> q.w
          order by sim desc, t.term
          limit ${NEIGHBOURS_PER_WORD}) n`),
    );
  });
  return rows.map((r) => ({ group: Number(r.g), term: r.term, similarity: Number(r.sim) }));
}
