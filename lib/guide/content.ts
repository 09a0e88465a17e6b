import 'server-only';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '@/lib/i18n/config';
import { renderMarkdown, type Heading, type RenderedMarkdown } from '@/lib/help/markdown';
import type { GuideArea } from './sections';

/**
 * The staff guide: Markdown files in the repository (docs/guide/<locale>/<area>.md), rendered with
 * the help center's safe renderer. `next start` runs from the repository root, so the files are read
 * from there at request time; each is rendered once per change of its modification time.
 */

export type Guide = RenderedMarkdown & {
  /** The file's `# title`, shown as the page's heading (the HTML starts after it). */
  title: string;
  /** The `##` headings: one per page of the area, for the table of contents. */
  toc: Heading[];
};

/** A leading `# Title` line: the page shows it in its own header, so the body starts below it. */
const TITLE = /^\s*# +(.+?)\s*(?:\n|$)/;

const GUIDE_DIR = path.join(process.cwd(), 'docs', 'guide');

export function guideFile(area: GuideArea, locale: Locale): string {
  return path.join(GUIDE_DIR, locale, `${area}.md`);
}

type Cached = { mtimeMs: number; source: string; guide: Guide };
const cache = new Map<string, Cached>();

async function load(area: GuideArea, locale: Locale): Promise<Cached> {
  const file = guideFile(area, locale);
  const { mtimeMs } = await stat(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  const source = await readFile(file, 'utf8');
  const title = TITLE.exec(source);
  const rendered = renderMarkdown(title ? source.slice(title[0].length) : source);
  const entry: Cached = {
    mtimeMs,
    source,
    guide: { ...rendered, title: title?.[1] ?? '', toc: rendered.headings.filter((h) => h.level === 2) },
  };
  cache.set(file, entry);
  return entry;
}

/** The guide of an area in a language, as safe HTML with its headings. */
export async function getGuide(area: GuideArea, locale: Locale): Promise<Guide> {
  return (await load(area, locale)).guide;
}

/** The Markdown source (for a search index built with `markdownSections`). */
export async function getGuideSource(area: GuideArea, locale: Locale): Promise<string> {
  return (await load(area, locale)).source;
}
