import { describe, expect, it } from 'vitest';
import { highlight, snippetOf } from './snippet';

describe('highlight', () => {
  it('marks Chinese words wherever they are, longest first', () => {
    expect(highlight('申请七天无理由退货', ['七天', '七天无理由', '退货'])).toBe(
      '申请<mark>七天无理由</mark><mark>退货</mark>',
    );
  });

  it('marks English words whole and by their stem, never inside another word', () => {
    expect(highlight('Returned items: return it', ['returns', 'it'])).toBe(
      '<mark>Returned</mark> items: <mark>return</mark> <mark>it</mark>',
    );
  });

  it('marks part numbers whole and escapes the text around them', () => {
    expect(highlight('<b>PH-X12-128</b> & co', ['ph-x12-128'])).toBe(
      '&lt;b&gt;<mark>PH-X12-128</mark>&lt;/b&gt; &amp; co',
    );
    // Chinese letters are no word boundary for a code written against them.
    expect(highlight('型号PH-X12-128的说明书', ['ph-x12-128'])).toBe('型号<mark>PH-X12-128</mark>的说明书');
  });
});

describe('snippetOf', () => {
  it('opens near the first match, with ellipses where text was left out', () => {
    const body = `${'Intro words here. '.repeat(20)}The refund arrives in three days. ${'More text follows. '.repeat(20)}`;
    const s = snippetOf(body, ['refund']);
    expect(s.startsWith('… ')).toBe(true);
    expect(s.endsWith(' …')).toBe(true);
    expect(s).toContain('<mark>refund</mark> arrives');
  });

  it('shows the opening when nothing matches', () => {
    expect(snippetOf('Short text.', ['missing'])).toBe('Short text.');
  });
});
