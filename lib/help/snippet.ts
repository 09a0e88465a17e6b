/**
 * Search result snippets with the matched words marked. Built in Node rather than with
 * ts_headline: the index holds segmented text, and PostgreSQL's headline would show those spaces
 * between Chinese words. Everything is escaped first; only our own <mark> tags are added.
 */

const SNIPPET_CHARS = 160;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LATIN = /^[\p{Script=Latin}\p{N}-]+$/u;

/**
 * A Latin word matches from the start of a word to its end, and by its rough stem, as the english
 * parser matched it: "return" marks "returned", "refunds" marks "refund", but "it" never marks the
 * middle of "item". Chinese words have no spaces around them, so they match anywhere.
 */
function patternOf(term: string): string {
  if (!LATIN.test(term)) return escapeRegExp(term);
  const stem = term.length > 4 ? term.replace(/(?:ing|ed|es|s)$/i, '') : term;
  return `(?<![\\p{Script=Latin}\\p{N}])${escapeRegExp(stem)}(?:e?s|e?d|ing|e)?(?![\\p{Script=Latin}\\p{N}])`;
}

/** Longest terms first, so 七天无理由 is marked whole rather than as 七天 + 理由. */
function matcher(terms: string[]): RegExp | null {
  const usable = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  return usable.length ? new RegExp(usable.map(patternOf).join('|'), 'giu') : null;
}

/** Escaped text with each occurrence of a term in <mark>. */
export function highlight(text: string, terms: string[]): string {
  const re = matcher(terms);
  if (!re) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeHtml(text.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * The stretch of the text around the first matched term (or its opening when none matches),
 * about 160 characters, cut at whitespace where it can be, with ellipses where text was left out.
 */
export function snippetOf(body: string, terms: string[]): string {
  const text = body.replace(/\s+/g, ' ').trim();
  const re = matcher(terms);
  const first = re ? text.search(re) : -1;
  let start = first <= 0 ? 0 : Math.max(0, first - 40);
  if (start > 0) {
    const space = text.lastIndexOf(' ', start + 10);
    if (space > start - 20 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const space = text.indexOf(' ', end - 15);
    if (space > 0 && space < end + 15) end = space;
  }
  const piece = text.slice(start, end);
  return `${start > 0 ? '… ' : ''}${highlight(piece, terms)}${end < text.length ? ' …' : ''}`;
}
