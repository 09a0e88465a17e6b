/**
 * Text helpers for feedback: a first classification by keyword rules, and the most frequent words
 * in comments. Chinese has no spaces between words, so words come from `Intl.Segmenter` (ICU's
 * dictionary segmentation, built into Node), which also handles English and mixed text.
 */
export type TaggingRule = { categoryId: string | null; tagId: string | null; keywords: readonly string[] };

/**
 * The full first classification: the category of the first matching rule that names one, and the
 * tags of every matching rule (rules in the admins' order).
 */
export function applyKeywordRules(
  text: string,
  rules: readonly TaggingRule[],
): { categoryId: string | null; tagIds: string[] } {
  const haystack = text.toLowerCase();
  let categoryId: string | null = null;
  const tagIds = new Set<string>();
  for (const rule of rules) {
    if (!rule.keywords.some((k) => mentions(haystack, k))) continue;
    if (!categoryId && rule.categoryId) categoryId = rule.categoryId;
    if (rule.tagId) tagIds.add(rule.tagId);
  }
  return { categoryId, tagIds: [...tagIds] };
}

/**
 * Chinese keywords match anywhere ("物流" in "物流太慢"); Latin ones only at the start of a word,
 * so "refund" finds "Refunded" but "app" does not find "wrapping".
 */
function mentions(haystack: string, keyword: string): boolean {
  const k = keyword.trim().toLowerCase();
  if (!k) return false;
  if (!/^[a-z0-9]/.test(k)) return haystack.includes(k);
  return new RegExp(`(?<![a-z0-9])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(haystack);
}

/** Words too common to say anything about the product or service. */
const STOP_WORDS = new Set([
  ...'的 了 是 我 你 他 她 它 们 很 也 都 就 和 与 在 有 不 没 这 那 啊 吧 呢 吗 太 又 还 但 而 被 把 给 到 对 说 要 会 能 好 一 个 上 下 么 什么 我们 你们 非常 已经 还是 就是 因为 所以 可以 一个 没有 感觉 觉得 东西'.split(
    ' ',
  ),
  ...'the a an and or but to of in on for with is are was were be been being it its this that these those i me you he she him her we us they them my our your his their very so not no too just have has had do does did at as by from up out about into over after before during again then than there here when where why how what which who all any some more most other such only own same can will would should could may might also get got one two'.split(
    ' ',
  ),
]);

let segmenter: Intl.Segmenter | undefined;

export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const w = s.segment.toLowerCase();
    // Single characters and numbers carry little meaning in a word cloud.
    if ([...w].length < 2 || /^\d+$/.test(w) || STOP_WORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** The `limit` most frequent words across comments, most frequent first (ties alphabetically). */
export function topWords(comments: readonly string[], limit = 20): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of comments) for (const w of new Set(words(c))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}
