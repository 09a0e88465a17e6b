import { describe, expect, it } from 'vitest';
import { CONTEXT_LINES, diffBody, diffInline, diffVersions, type VersionTexts } from './version-diff';

const v = (over: Partial<VersionTexts> = {}): VersionTexts => ({
  titleZh: '退货运费',
  descriptionZh: '谁出运费',
  bodyZh: '第一行\n第二行\n',
  titleEn: 'Return shipping',
  descriptionEn: 'Who pays',
  bodyEn: 'one\ntwo\n',
  ...over,
});

describe('diffVersions', () => {
  it('says a language is unchanged when nothing in it moved', () => {
    const [zh, en] = diffVersions(v(), v({ titleEn: 'Return shipping fee' }));
    expect(zh!.status).toBe('unchanged');
    expect(en!.status).toBe('changed');
    expect(en!.title.changed).toBe(true);
    expect(en!.body.changed).toBe(false);
    expect(en!.title.parts.filter((p) => p.op === 'added').map((p) => p.text.trim())).toEqual(['fee']);
  });

  it('the first version is all new; a dropped translation is "removed"', () => {
    const first = diffVersions(null, v({ titleEn: null, descriptionEn: null, bodyEn: null }));
    expect(first.map((d) => d.status)).toEqual(['added', 'absent']);
    expect(first[0]!.body.added).toBe(2);
    const dropped = diffVersions(v(), v({ titleEn: null, descriptionEn: null, bodyEn: null }));
    expect(dropped[1]!.status).toBe('removed');
  });
});

describe('diffInline', () => {
  it('cuts Chinese into words rather than treating the title as one token', () => {
    const parts = diffInline('怎么申请退款', '怎么申请退货', 'zh-CN');
    expect(parts.find((p) => p.op === 'same')?.text).toContain('申请');
    expect(parts.filter((p) => p.op !== 'same').map((p) => p.text)).toEqual(['退款', '退货']);
  });
});

describe('diffBody', () => {
  it('keeps context around a change and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const d = diffBody(before, after);
    expect(d).toMatchObject({ changed: true, added: 1, removed: 1 });
    expect(d.lines[0]).toEqual({ op: 'skip', count: 10 - CONTEXT_LINES });
    expect(d.lines.filter((l) => l.op === 'same')).toHaveLength(2 * CONTEXT_LINES);
    expect(d.lines.at(-1)).toEqual({ op: 'skip', count: 20 - 11 - CONTEXT_LINES });
  });

  it('a missing last newline is no change', () => {
    expect(diffBody('a\nb', 'a\nb\n').changed).toBe(false);
  });
});
