import { describe, expect, it } from 'vitest';
import { markdownSections, renderMarkdown } from './markdown';

const html = (source: string) => renderMarkdown(source).html;

describe('renderMarkdown', () => {
  it('prints raw HTML as text: no script, no event handler', () => {
    const out = html('Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> <a onclick="x()">a</a>');
    expect(out).not.toMatch(/<script|<img|<a /i);
    expect(out).toContain('&lt;script&gt;');
    // The handlers are only text inside escaped tags, never attributes of an element.
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('refuses javascript:, vbscript: and data: links, keeps ours, the web and e-mail', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html,<b>x</b>',
      '//evil.example',
    ]) {
      expect(html(`[click](${bad})`), bad).not.toContain('<a');
    }
    expect(html('[a](/help/returns) [b](#top) [c](mailto:help@example.com)')).toMatch(
      /href="\/help\/returns".*href="#top".*href="mailto:help@example.com"/,
    );
    expect(html('[site](https://example.com)')).toBe(
      '<p><a href="https://example.com" rel="nofollow noopener noreferrer">site</a></p>\n',
    );
  });

  it('shows images from the help image route only; another site becomes a link, data: its alt text', () => {
    expect(html('![Label](/help/images/abc-123)')).toContain(
      '<img src="/help/images/abc-123" alt="Label" loading="lazy" decoding="async">',
    );
    expect(html('![Label](https://tracker.example/p.png)')).toBe(
      '<p><a href="https://tracker.example/p.png" rel="nofollow noopener noreferrer">Label</a></p>\n',
    );
    // markdown-it refuses the data: target at parse time, so the source stays as text.
    expect(html('![Label](data:image/png;base64,AAAA)')).not.toMatch(/<img|<a /);
    expect(html('![Label](/help/images/../../admin)')).not.toContain('<img');
  });

  it('gives headings ids, explicit ones kept in every language, repeated ones numbered', () => {
    const r = renderMarkdown('## 退货 {#returns}\n## Same\n## Same');
    expect(r.headings.map((h) => h.id)).toEqual(['returns', 'same', 'same-2']);
    expect(r.html).toContain('<h2 id="returns">退货</h2>');
  });

  it('wraps tables so they scroll on a phone, reachable by keyboard', () => {
    expect(html('| a | b |\n|---|---|\n| 1 | 2 |')).toMatch(/^<div class="table-scroll" tabindex="0"><table>/);
  });
});

describe('markdownSections', () => {
  it('splits at headings and reads each table row as one line of cells', () => {
    expect(markdownSections('Intro.\n## A {#a}\n| 类目 | 天数 |\n|---|---|\n| 服装 | 7 天 |\n\nAfter.')).toEqual([
      { id: null, heading: '', text: 'Intro.' },
      { id: 'a', heading: 'A', text: '类目 · 天数;\n服装 · 7 天;\nAfter.' },
    ]);
  });
});
