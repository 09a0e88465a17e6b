import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rowsOf } from '@/db/rows';
import type { SearchSource } from './index-sql';
import { foldText, isCodeLike, queryTerms, withSynonyms } from './segment';
import { MAX_QUERY_LENGTH } from './limits';
import { highlight, snippetOf } from './snippet';

/**
 * The help search engine, shared by the public help center, the request form's suggestions and the
 * staff guide. One SQL shape on PGlite and PostgreSQL:
 *  - words: a `simple` tsvector of jieba-segmented text (Chinese) and an `english` one (stemming),
 *    each weighted title A > headings B > body C; a document matching every word gets a bonus;
 *  - typos and part numbers: pg_trgm word similarity on titles, headings and codes, used when the
 *    words find nothing or the query contains a code (PH-X12-128).
 */

export type { SearchSource };

/** ts_rank weights for D, C, B, A: title counts ten times body text, headings four times. */
const WEIGHTS = sql.raw(`'{0.05, 0.1, 0.4, 1.0}'`);

/** Word similarity a typo or a part number must reach (pg_trgm's default is 0.6). */
const TYPO_THRESHOLD = 0.4;

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

const quote = (t: string) => `'${t.replace(/'/g, "''")}'`;

/** A tsquery literal of words, each quoted so no character of the query is read as an operator. */
function tsqueryOf(terms: string[], op: '|' | '&'): string {
  return terms.map(quote).join(` ${op} `);
}

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
  const q = own.length ? input.query.slice(0, MAX_QUERY_LENGTH) : (input.context ?? '');
  if (!terms.length) return { hits: [], terms };
  const context = own.length ? contextual.filter((t) => !own.includes(t)) : [];
  const groups = [...terms, ...context];
  const factorOf = (g: number) => (g < terms.length ? 1 : CONTEXT_FACTOR);
  const conn = db ?? (await getDb());
  const latin = groups.filter((t) => /^[\p{Script=Latin}\p{N}-]+$/u.test(t));
  const exclude = input.excludeArticleId
    ? sql`and document_id not in (select id from help_search_documents where article_id = ${input.excludeArticleId})`
    : sql``;
  const excludeDoc = input.excludeArticleId
    ? sql`and (d.article_id is null or d.article_id <> ${input.excludeArticleId})`
    : sql``;
  const offset = input.offset ?? 0;
  const scope = `${input.source}:${input.locale}`;
  // Each query word is a group: the word and its synonyms, as PostgreSQL's parsers turn them into
  // lexemes (simple for the segmented words, english stems as e:<stem>).
  const weigh = (t: string, g: number) =>
    withSynonyms(t).map((w) => ({ w, g, f: factorOf(g) * (w === t ? 1 : SYNONYM_FACTOR) }));
  const words = groups.flatMap((t, g) => weigh(t, g));
  const latinWords = latin.flatMap((t) => weigh(t, groups.indexOf(t)));
  const textArray = (xs: string[]) =>
    sql`array[${sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    )}]::text[]`;
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

  let found = rows;
  // Typos and codes: when the words found nothing, or the query names a code, trigram similarity
  // on titles, headings and codes finds "ap-rc3oo" for AP-RC300 and "refnud" for refund.
  if (offset === 0 && (rows.length === 0 || terms.some(isCodeLike))) {
    const fuzzy = foldText(q).replace(/\s+/g, ' ').trim();
    // Several documents may contain a code equally similar to a mistyped one; the one about it
    // (its parts in the title and headings, many times in the text) goes first: "ph-x21-128"
    // shares ph and 128 with the X12 phone's guide.
    const parts = [...new Set(terms.flatMap((t) => t.split(/[-_.]/)).filter((p) => p.length >= 2))];
    const partsQuery = parts.length ? tsqueryOf(parts, '|') : '';
    // pg_trgm's default word-similarity threshold (0.6) misses one swapped letter in a short word
    // (refnud ~ refund is 0.43); `set local` lowers it for this statement's transaction only.
    const similar = await conn.transaction(async (tx) => {
      await tx.execute(sql`set local pg_trgm.word_similarity_threshold = ${sql.raw(String(TYPO_THRESHOLD))}`);
      return rowsOf<{
        article_id: string | null;
        section_id: string | null;
        title: string;
        body: string;
        rank: number;
      }>(
        await tx.execute(sql`
          select d.article_id, d.section_id, d.title, d.body,
                 (word_similarity(${fuzzy}, d.trigram_text)
                  + ts_rank(${WEIGHTS}, d.simple_tsv, to_tsquery('simple', ${partsQuery})))::float8 as rank
          from help_search_documents d
          where d.source = ${input.source} and d.locale = ${input.locale} and ${fuzzy} <% d.trigram_text ${excludeDoc}
          order by rank desc, d.id
          limit ${input.limit}`),
      );
    });
    const seen = new Set(rows.map((r) => `${r.article_id}|${r.section_id}`));
    const extra = similar.filter((r) => !seen.has(`${r.article_id}|${r.section_id}`));
    // A code match is the most exact answer there is: it goes first; a typo match only fills in.
    found = rows.length === 0 ? extra : terms.some(isCodeLike) ? [...extra, ...rows] : rows;
    found = found.slice(0, input.limit);
  }

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
