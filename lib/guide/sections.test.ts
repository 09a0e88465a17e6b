import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { renderMarkdown } from '@/lib/help/markdown';
import { GUIDE_AREAS, GUIDE_SECTIONS, guideHrefFor, guideSectionFor, type GuideArea } from './sections';

const ROOT = process.cwd();
const AREA_DIRS: Record<GuideArea, string> = {
  desk: path.join(ROOT, 'app', '(agent)', 'desk'),
  admin: path.join(ROOT, 'app', '(admin)', 'admin'),
};

/** Every page route below an area folder, as a pattern (`/desk/cases/[caseNo]`). */
function pageRoutes(dir: string, prefix: string): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) routes.push(prefix);
    if (!entry.isDirectory()) continue;
    // Private folders, parallel slots and intercepting routes are no address of their own.
    if (/^[_@]/.test(entry.name) || /^\(\.+\)/.test(entry.name)) continue;
    const group = /^\(.+\)$/.test(entry.name);
    routes.push(...pageRoutes(path.join(dir, entry.name), group ? prefix : `${prefix}/${entry.name}`));
  }
  return routes;
}

const guideSource = (area: GuideArea, locale: string) =>
  fs.readFileSync(path.join(ROOT, 'docs', 'guide', locale, `${area}.md`), 'utf8');

/** Headings with an explicit `{#id}`, outside fenced code. */
function explicitHeadings(source: string): { level: number; id: string }[] {
  const out: { level: number; id: string }[] = [];
  let fenced = false;
  for (const line of source.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^(#{1,6})\s+.*\{#([^}]*)\}\s*$/.exec(line);
    if (m) out.push({ level: m[1]!.length, id: m[2]! });
  }
  return out;
}

describe('guide sections map', () => {
  for (const area of GUIDE_AREAS) {
    it(`has a section for every ${area} page`, () => {
      const routes = pageRoutes(AREA_DIRS[area], `/${area}`);
      expect(routes.length).toBeGreaterThan(5);
      const missing = routes.filter((r) => GUIDE_SECTIONS[r]?.area !== area);
      expect(missing, 'add these routes to GUIDE_SECTIONS in lib/guide/sections.ts').toEqual([]);
    });
  }

  it('maps each pattern to its own area', () => {
    for (const [pattern, section] of Object.entries(GUIDE_SECTIONS))
      expect(pattern.split('/')[1], pattern).toBe(section.area);
  });

  it('turns a concrete address into the link to its section', () => {
    expect(guideHrefFor('/desk')).toBe('/desk/guide#desk-home');
    expect(guideHrefFor('/desk/')).toBe('/desk/guide#desk-home');
    expect(guideHrefFor('/desk/cases/AS-20261201-0001')).toBe('/desk/guide#desk-case');
    expect(guideHrefFor('/desk/cases?queue=mine')).toBe('/desk/guide#desk-cases');
    expect(guideHrefFor('/desk/orders/SO20261201001/new-case')).toBe('/desk/guide#desk-case-new');
    expect(guideHrefFor('/desk/customers/6f1c0a2e/orders')).toBe('/desk/guide#desk-customer-orders');
    expect(guideHrefFor('/admin/products/PH-X12-128')).toBe('/admin/guide#admin-product');
    expect(guideHrefFor('/admin/guide')).toBe('/admin/guide#admin-guide');
  });

  it('prefers a static segment to a dynamic one', () => {
    expect(guideSectionFor('/desk/orders/new')?.id).toBe('desk-order-new');
    expect(guideSectionFor('/desk/orders/SO20261201001')?.id).toBe('desk-order');
    expect(guideSectionFor('/desk/feedback/stats')?.id).toBe('desk-feedback-stats');
    expect(guideSectionFor('/desk/feedback/42')?.id).toBe('desk-feedback-item');
    expect(guideSectionFor('/desk/help/new')?.id).toBe('desk-help-edit');
    expect(guideSectionFor('/admin/products/new')?.id).toBe('admin-product-new');
  });

  it('has no link for an address no page covers', () => {
    expect(guideHrefFor('/')).toBeNull();
    expect(guideHrefFor('/portal/orders')).toBeNull();
    expect(guideHrefFor('/desk/nothing-here')).toBeNull();
    expect(guideHrefFor('/desk/cases/AS-1/extra')).toBeNull();
  });
});

describe('guide files', () => {
  for (const area of GUIDE_AREAS) {
    const ids = Object.values(GUIDE_SECTIONS)
      .filter((s) => s.area === area)
      .map((s) => s.id);

    for (const locale of LOCALES) {
      describe(`${locale}/${area}.md`, () => {
        const source = guideSource(area, locale);
        const headings = explicitHeadings(source);

        it('starts with a title and gives every section an explicit id', () => {
          expect(source.startsWith('# ')).toBe(true);
          const sections = source.split('\n').filter((l) => l.startsWith('## '));
          expect(sections.filter((l) => !/\{#[a-z0-9][a-z0-9-]*\}\s*$/.test(l))).toEqual([]);
        });

        it('has a ## heading for every mapped page', () => {
          const level2 = new Set(headings.filter((h) => h.level === 2).map((h) => h.id));
          expect(ids.filter((id) => !level2.has(id))).toEqual([]);
        });

        it('uses lower-case ascii kebab ids, each once', () => {
          const all = headings.map((h) => h.id);
          expect(all.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
          expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
        });

        it('renders each explicit id as the heading id, and links only to ids it has', () => {
          const { html, headings: rendered } = renderMarkdown(source);
          const renderedIds = new Set(rendered.map((h) => h.id));
          expect(headings.map((h) => h.id).filter((id) => !renderedIds.has(id))).toEqual([]);
          expect(html).not.toContain('{#');
          const anchors = [...source.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
          expect(anchors.filter((a) => !renderedIds.has(a))).toEqual([]);
        });
      });
    }

    it(`has the same ids in both languages (${area})`, () => {
      const [a, b] = LOCALES.map((l) =>
        explicitHeadings(guideSource(area, l))
          .map((h) => `${h.level} ${h.id}`)
          .sort(),
      );
      expect(b).toEqual(a);
    });
  }

  it('uses full-width punctuation next to Chinese words in zh-CN', () => {
    const han = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';
    const halfWidth = new RegExp(`${han}[,:;!?()]|[,:;!?()]${han}`);
    const offending: string[] = [];
    for (const area of GUIDE_AREAS) {
      for (const line of guideSource(area, 'zh-CN').split('\n')) {
        // Code, link targets and explicit ids are not prose.
        const prose = line
          .replace(/`[^`]*`/g, '``')
          .replace(/\]\([^)]*\)/g, ']')
          .replace(/\{#[^}]*\}/g, '');
        if (halfWidth.test(prose)) offending.push(`${area}: ${line}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
