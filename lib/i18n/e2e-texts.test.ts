import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from '@/messages/zh-CN.json';

/**
 * The e2e specs take the texts they expect from the message catalogue (e2e/messages.ts: zh(), zhRe()),
 * so a reworded message changes one file. This finds Chinese literals that copy a catalogue text
 * where a spec expects or locates UI text, so such copies do not come back. Test data the specs
 * type or seed (names, descriptions, file names) is rarely a catalogue text and is not flagged.
 */

const E2E_DIR = path.join(process.cwd(), 'e2e');
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const HAN_ALL = /[\u3400-\u4dbf\u4e00-\u9fff]/g;
/** A fragment this long (in Chinese characters) of a catalogue text is a copy, not a coincidence. */
const MIN_FRAGMENT_HAN = 4;

function leaves(obj: unknown, prefix = ''): [string, string][] {
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? [[key, v] as [string, string]] : leaves(v, key);
  });
}

/** Half-width marks as the catalogue now writes them (full-width), so an old copy still matches. */
const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};
const toFullWidth = (s: string) => s.replace(/[,:;!?()]/g, (c) => FULL_WIDTH[c] ?? c);
const hanCount = (s: string) => (s.match(HAN_ALL) ?? []).length;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Entry = { key: string; value: string; fixedParts: string[]; whole: RegExp | null };

const catalogue: Entry[] = leaves(zhCN).map(([key, value]) => {
  const fixedParts = value.split(/\{\w+\}/).filter(Boolean);
  const hasPlaceholder = fixedParts.join('') !== value;
  // A template matches a literal that fills its placeholders, if its own words say enough.
  const whole =
    hasPlaceholder && hanCount(fixedParts.join('')) >= 2
      ? new RegExp(
          `^${value
            .split(/(\{\w+\})/)
            .map((p) => (/^\{\w+\}$/.test(p) ? '.+' : escapeRegExp(p)))
            .join('')}$`,
        )
      : null;
  return { key, value, fixedParts, whole };
});

/** The catalogue keys whose text `text` copies: the whole text, a filled template, or a long fragment. */
function catalogueKeysOf(text: string): string[] {
  const t = toFullWidth(text.trim());
  if (!HAN.test(t)) return [];
  const runs = t.match(/[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef…]+/g) ?? [];
  const isFragment = (e: Entry) => runs.some((r) => hanCount(r) >= MIN_FRAGMENT_HAN && e.value.includes(r));
  const containsOne = (e: Entry) => e.fixedParts.some((p) => hanCount(p) >= MIN_FRAGMENT_HAN && t.includes(p));
  // The closest matches name the keys: the same text, a filled template, a fragment, a text inside.
  const tiers = [(e: Entry) => e.value === t, (e: Entry) => !!e.whole?.test(t), isFragment, containsOne];
  for (const matches of tiers) {
    const keys = catalogue.filter(matches).map((e) => e.key);
    if (keys.length) return keys;
  }
  return [];
}

// Where a spec names UI text: the first argument of these calls, and `name:` / `hasText:` options.
const CALL =
  /(?:\b(?:toHaveText|toContainText|toContain|getByText|getByLabel|getByPlaceholder)\(\s*|\b(?:name|hasText):\s*)/g;
const LITERAL =
  /^(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`|\/((?:[^/\\\n[]|\\.|\[(?:[^\]\\]|\\.)*\])+)\/[a-z]*)/;

/** The texts a literal stands for: a template's fixed parts, a regex's alternatives. */
function textsOf(m: RegExpExecArray): string[] {
  const [, single, double, template, regex] = m;
  if (template !== undefined) return template.split(/\$\{[^}]*\}/);
  if (regex !== undefined) return regex.split('|').map((alt) => alt.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1'));
  return [single ?? double ?? ''];
}

type Copy = { file: string; line: number; literal: string; keys: string[] };

function findCopies(file: string, source: string): Copy[] {
  const copies: Copy[] = [];
  for (const call of source.matchAll(CALL)) {
    const at = call.index + call[0].length;
    const lit = LITERAL.exec(source.slice(at));
    if (!lit) continue;
    for (const text of textsOf(lit)) {
      const keys = catalogueKeysOf(text);
      if (keys.length) {
        copies.push({ file, line: source.slice(0, at).split('\n').length, literal: lit[0], keys });
        break;
      }
    }
  }
  return copies;
}

describe('e2e specs take expected texts from the catalogue', () => {
  it('recognises copies of catalogue texts and leaves test data alone', () => {
    expect(catalogueKeysOf('邮箱或密码错误。')).toEqual(['errors.invalid_credentials']);
    // An old half-width copy of a template filled with a name.
    expect(catalogueKeysOf('您好,林新客')).toEqual(['portal.homeTitle']);
    // A fragment of a longer message.
    expect(catalogueKeysOf('您之前保存的内容都不会丢失')).toEqual(['errors.unavailableHint']);
    for (const data of ['李客服 Li', '退款已原路退回', '包装照片.jpg', '悦享生活旗舰店', 'SF998877665'])
      expect(catalogueKeysOf(data), data).toEqual([]);
    const src = `await expect(a).toHaveText('已付款');\nawait a.getByRole('radio', { name: /退货退款/ });\nawait a.fill('已付款');`;
    expect(findCopies('x.spec.ts', src).map((c) => [c.line, c.keys])).toEqual([
      [1, ['orders.status.paid']],
      [2, ['cases.types.return_refund']],
    ]);
  });

  it('no spec or helper hard-codes a catalogue text', () => {
    const files = fs
      .readdirSync(E2E_DIR)
      .filter((f) => f.endsWith('.spec.ts') || f === 'helpers.ts')
      .sort();
    expect(files.length).toBeGreaterThan(5);
    const copies = files.flatMap((f) => findCopies(f, fs.readFileSync(path.join(E2E_DIR, f), 'utf8')));
    const use = (keys: string[]) =>
      keys
        .slice(0, 3)
        .map((k) => `zh('${k}')`)
        .join(' or ');
    expect(copies.map((c) => `${c.file}:${c.line} ${c.literal} → ${use(c.keys)}`)).toEqual([]);
  });
});
