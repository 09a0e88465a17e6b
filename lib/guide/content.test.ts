import { describe, expect, it } from 'vitest';
import { getGuide, getGuideSource } from './content';

describe('getGuide', () => {
  it('renders the guide without its title line, with a contents entry per section', async () => {
    const guide = await getGuide('desk', 'en');
    expect(guide.title).toBe('Service desk user guide');
    expect(guide.html).not.toMatch(/<h1/);
    expect(guide.html).toContain('<h2 id="desk-cases">');
    expect(guide.toc.map((h) => h.id)).toContain('desk-case');
    expect(guide.toc.every((h) => h.level === 2)).toBe(true);
    expect(guide.toc.length).toBe(
      (await getGuideSource('desk', 'en')).split('\n').filter((l) => l.startsWith('## ')).length,
    );
  });

  it('serves each language from its own file, and the same object while the file is unchanged', async () => {
    const zh = await getGuide('admin', 'zh-CN');
    expect(zh.title).toBe('系统管理使用指南');
    expect(await getGuide('admin', 'zh-CN')).toBe(zh);
    expect((await getGuide('admin', 'en')).title).toBe('Administration user guide');
  });
});
