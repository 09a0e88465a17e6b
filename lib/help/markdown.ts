import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * Markdown → HTML for help articles and the staff guide. Safe by construction rather than by
 * cleaning afterwards: raw HTML in the source is never passed through (`html: false` prints it as
 * text), so no `<script>`, no event handler attribute can appear; link and image targets are
 * checked against an allow-list, so no `javascript:` or `data:` URL is ever emitted.
 */

export type Heading = { level: number; id: string; text: string };
export type RenderedMarkdown = { html: string; headings: Heading[] };

/** Where links may point: our own pages, anchors, the web and e-mail. */
const SAFE_LINK = /^(\/(?!\/)|#|https?:\/\/|mailto:)/i;
/**
 * Images only from our own help image route (uploaded through the attachment store). Pages allow
 * images from 'self' only (proxy.ts), and an image from another site would tell it who reads the
 * help center; such an image is shown as a link to it instead.
 */
const SAFE_IMAGE = /^\/help\/images\/[\w-]+$/i;
const EXTERNAL = /^https?:\/\//i;
/** Someone else's site: no referrer of our pages, no ranking passed on, no window.opener. */
const EXTERNAL_REL = 'nofollow noopener noreferrer';
/** `## Title {#section-id}`: an explicit id that stays the same in every language. */
const EXPLICIT_ID = /\s*\{#([a-z0-9][a-z0-9-]{0,63})\}\s*$/;

/** An id from heading text: letters and digits of any script, joined by dashes. */
export function slugifyHeading(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'section'
  );
}

function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
// markdown-it's own check refuses javascript:, vbscript:, file: and most data: URLs; ours is stricter
// (an allow-list), and images get their own list.
md.validateLink = isSafeLink;

/** Gives every heading an id (explicit `{#id}` or from its text), unique within the document. */
md.core.ruler.push('heading_ids', (state) => {
  const seen = new Map<string, number>();
  const tokens = state.tokens;
  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    if (!inline || inline.type !== 'inline') continue;
    let id: string | null = null;
    const explicit = EXPLICIT_ID.exec(inline.content);
    if (explicit) {
      id = explicit[1]!;
      inline.content = inline.content.replace(EXPLICIT_ID, '');
      const last = inline.children?.at(-1);
      if (last?.type === 'text') last.content = last.content.replace(EXPLICIT_ID, '');
    }
    const text = (inline.children ?? [])
      .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : ''))
      .join('');
    id ??= slugifyHeading(text);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}-${n + 1}`;
    open.attrSet('id', id);
    headings.push({ level: Number(open.tag.slice(1)), id, text: text.trim() });
  }
  state.env.headings = headings;
  return true;
});

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href') ?? '';
  if (EXTERNAL.test(href)) token.attrSet('rel', EXTERNAL_REL);
  return defaultLinkOpen(tokens, idx, options, env, self);
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token: Token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const text = md.utils.escapeHtml(alt || src);
  if (EXTERNAL.test(src) && isSafeLink(src))
    return `<a href="${md.utils.escapeHtml(src)}" rel="${EXTERNAL_REL}">${text}</a>`;
  if (!SAFE_IMAGE.test(src)) return md.utils.escapeHtml(alt);
  // Huge images never break the layout or the page weight: the width is capped by CSS and the
  // browser fetches them only when they scroll into view.
  return `<img src="${md.utils.escapeHtml(src)}" alt="${md.utils.escapeHtml(alt)}" loading="lazy" decoding="async">`;
};

// Tables scroll inside the article on a phone instead of widening the page; a region that scrolls
// must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable), and whether it
// scrolls depends on the reader's screen and fonts, so it is always focusable.
md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0"><table>\n';
md.renderer.rules.table_close = () => '</table></div>\n';

export function renderMarkdown(source: string): RenderedMarkdown {
  const env: { headings?: Heading[] } = {};
  const html = md.render(source, env);
  return { html, headings: env.headings ?? [] };
}

/** One part of a document for the search index: a heading and the text under it. */
export type MarkdownSection = { id: string | null; heading: string; text: string };

/**
 * The document as plain text split at its headings (level ≤ maxLevel): the search index weights
 * headings above body text and the guide links each result to its section.
 */
export function markdownSections(source: string, maxLevel = 3): MarkdownSection[] {
  const env: { headings?: Heading[] } = {};
  const tokens = md.parse(source, env);
  // The core rule above runs on parse too, so headings carry their ids.
  const sections: MarkdownSection[] = [{ id: null, heading: '', text: '' }];
  const add = (text: string) => {
    const current = sections.at(-1)!;
    if (text) current.text += (current.text ? '\n' : '') + text;
  };
  // A table row reads as one line, its cells apart ("服装 · 7 天;"), so a snippet does not run
  // one cell into the next once whitespace is folded.
  let row: string[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'tr_open') row = [];
    if (t.type === 'tr_close' && row) {
      add(row.filter(Boolean).join(' · ') + ';');
      row = null;
    }
    if (t.type === 'heading_open' && Number(t.tag.slice(1)) <= maxLevel) {
      const inline = tokens[i + 1]!;
      sections.push({ id: t.attrGet('id'), heading: inlineText(inline), text: '' });
      i += 2;
      continue;
    }
    if (t.type === 'inline') {
      if (row) row.push(inlineText(t));
      else add(inlineText(t));
    }
  }
  return sections.filter((s) => s.heading || s.text);
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
    .join('')
    .trim();
}

/** Plain text of a whole document (search snippets, descriptions). */
export function markdownText(source: string): string {
  return markdownSections(source)
    .map((s) => [s.heading, s.text].filter(Boolean).join('\n'))
    .join('\n');
}
