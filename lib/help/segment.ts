import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese text → words, in Node, for the help search. PostgreSQL's parser sees a Chinese sentence
 * as one token, so both the indexed text and the query are cut into words here (jieba, search
 * mode: 七天无理由 also yields 七天 and 理由) and joined with spaces before PostgreSQL builds a
 * `simple` tsvector of them. Latin text passes through as words.
 */

/**
 * After-sales words the general dictionary splits badly (退货运费 came out as 退 / 货运费, losing
 * 退货). Word, frequency (high, so they win), part of speech.
 */
const DOMAIN_WORDS = [
  '退货 60000 v',
  '退款 60000 v',
  '换货 60000 v',
  '仅退款 30000 v',
  '退货退款 30000 v',
  '补发 30000 v',
  '价保 30000 n',
  '保价 30000 n',
  '三包 30000 n',
  '运费险 30000 n',
  '七天无理由 30000 n',
  '无理由 30000 n',
  '售后 30000 n',
  '保修期 30000 n',
  '签收 30000 v',
  '拒收 30000 v',
  '运单号 30000 n',
  '物流 30000 n',
  '快递 30000 n',
  '发票 30000 n',
  '专票 20000 n',
  '增值税 20000 n',
  '补偿 30000 v',
  '优惠券 30000 n',
  '积分 30000 n',
  '申诉 30000 v',
  '个人信息 30000 n',
  '注销 30000 v',
].join('\n');

let jieba: Jieba | null = null;
function cutter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS));
  }
  return jieba;
}

/**
 * Traditional → simplified for the characters that appear in shop and after-sales text, so 退貨
 * finds 退货 (both the index and the query are folded). Pairs: traditional, simplified.
 */
const T2S_PAIRS =
  '貨货錢钱款款運运費费換换單单號号訂订購购買买賣卖寄寄還还給给時时間间問问題题質质壞坏維维' +
  '修修發发票票務务戶户帳账號号碼码聯联繫系電电話话郵邮遞递網网頁页認认證证態态審审核核據据' +
  '無无應应該该會会們们這这個个麼么為为與与並并從从後后裡里邊边開开關关機机體体點点線线' +
  '補补償偿優优惠惠積积分分評评價价險险護护產产團团隊队員员資资訊讯隱隐私私刪删除除註注銷销' +
  '碼码鍵键盤盘筆笔記记腦脑錶表環环廣广東东區区華华長长門门頭头實实際际權权範范圍围類类' +
  '項项驗验簽签收收數数額额減减償偿讓让確确達达導导軟软鐵铁紅红鮮鲜飲饮餐餐衣衣褲裤鞋鞋裝装';

const T2S = (() => {
  const map = new Map<string, string>();
  const chars = Array.from(T2S_PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) map.set(chars[i]!, chars[i + 1]!);
  return map;
})();

/** Full-width to half-width, lower case, traditional to simplified. */
export function foldText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) out += T2S.get(ch) ?? ch;
  return out;
}

/** A token worth indexing: has a letter or a digit (drops punctuation, spaces, emoji). */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** Characters PostgreSQL's tsquery syntax gives meaning to, removed from a token. */
const TSQUERY_SPECIAL = /[&|!():*<>'\\"]/g;

/** A run of Latin letters and digits joined by - _ . (a word, a SKU such as ph-x12-128, a version). */
const LATIN_RUN = /[a-z0-9]+(?:[-_.][a-z0-9]+)*/g;

/**
 * Words of a text, in order, for the index (repeats kept: they weigh in the rank). Codes stay
 * whole (jieba would cut PH-X12-128 into PH / - / X12-128); PostgreSQL's parser then adds their
 * parts itself, so "x12" finds them too.
 */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  const folded = foldText(text);
  let last = 0;
  const cut = (piece: string) => {
    if (!piece.trim()) return;
    for (const raw of cutter().cutForSearch(piece, true)) {
      const w = raw.replace(TSQUERY_SPECIAL, '').trim();
      if (w && WORDLIKE.test(w)) words.push(w);
    }
  };
  for (const m of folded.matchAll(LATIN_RUN)) {
    cut(folded.slice(last, m.index));
    words.push(m[0]);
    last = m.index + m[0].length;
  }
  cut(folded.slice(last));
  return words;
}

/** The text as space-separated words, ready for `to_tsvector('simple', …)`. */
export function segmentForIndex(text: string): string {
  return segmentWords(text).join(' ');
}

/** Words a question is made of but an answer need not contain (怎么 申请 → 申请). */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 我 你 您 他 她 它 我们 你们 是 在 有 和 与 或 就 都 也 还 要 想 能 可以 会 ' +
    '怎么 怎么办 怎样 如何 什么 为什么 多久 哪里 哪些 一下 请问 请 谁 个 把 被 给 让 这 那 这个 那个 ' +
    'how what why when where which who do does did is are was can could should i my me you your the a an of to for on in and or ' +
    'it its not no want wants would this that with at be'
  ).split(' '),
);

export const MAX_QUERY_TERMS = 16;

/** Distinct searchable words of a query, question words dropped (kept if nothing else is left). */
export function queryTerms(query: string): string[] {
  const words = segmentWords(query);
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !STOPWORDS.has(w));
  return (meaningful.length ? meaningful : unique).slice(0, MAX_QUERY_TERMS);
}

/** Looks like a part number, SKU or order number: letters and digits together (ph-x12-128, dd2026…). */
export function isCodeLike(term: string): boolean {
  return /[a-z]/i.test(term) && /\d/.test(term) && term.length >= 3;
}

/** Codes in a text (SKUs, model numbers), for the trigram column. */
export function codesIn(text: string): string[] {
  const found = foldText(text).match(LATIN_RUN) ?? [];
  return [...new Set(found.filter(isCodeLike))];
}

/**
 * Words readers use for what the articles call otherwise (the portal says "declined", customers
 * type "rejected"). Each group is searched as one word: any of them matches.
 */
const SYNONYM_GROUPS = [
  ['rejected', 'declined', 'reject', 'decline'],
  ['parcel', 'package'],
  ['money', 'refund'],
  ['broken', 'faulty', 'defective'],
  ['delivery', 'shipping'],
  ['驳回', '拒绝', '被拒'],
  ['退钱', '退款'],
  ['坏', '故障', '质量问题'],
  ['包裹', '快递'],
  ['保修', '三包'],
  ['账号', '账户'],
];
const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) for (const w of group) SYNONYMS.set(w, group);

/** A term and the words that mean the same to a reader (the term first). */
export function withSynonyms(term: string): string[] {
  return SYNONYMS.get(term) ?? [term];
}
