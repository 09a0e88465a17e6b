import { diffLines, diffWords } from 'diff';
import { HELP_LOCALES, type HelpLocale } from './schemas';

/**
 * What changed between two published versions of an article, per language and field, in a shape
 * a page renders without any diff logic of its own: titles and descriptions word by word (Chinese
 * cut into words by Intl.Segmenter), bodies line by line with long unchanged stretches folded.
 * Pure, so it is tested without a database.
 */

export type DiffOp = 'same' | 'added' | 'removed';
export type InlinePart = { op: DiffOp; text: string };
export type DiffLine = { op: DiffOp; text: string } | { op: 'skip'; count: number };

export type InlineFieldDiff = { field: 'title' | 'description'; changed: boolean; parts: InlinePart[] };
export type BodyDiff = { field: 'body'; changed: boolean; lines: DiffLine[]; added: number; removed: number };

/** `added`: the language is new in this version; `removed`: it was dropped; `absent`: in neither. */
export type LocaleDiffStatus = 'added' | 'removed' | 'changed' | 'unchanged' | 'absent';
export type LocaleDiff = {
  locale: HelpLocale;
  status: LocaleDiffStatus;
  title: InlineFieldDiff;
  description: InlineFieldDiff;
  body: BodyDiff;
};

export type VersionTexts = {
  titleZh: string | null;
  descriptionZh: string | null;
  bodyZh: string | null;
  titleEn: string | null;
  descriptionEn: string | null;
  bodyEn: string | null;
};

/** Unchanged lines kept on each side of a change; longer unchanged runs fold into one "skip". */
export const CONTEXT_LINES = 2;

const texts = (v: VersionTexts | null, locale: HelpLocale) =>
  !v
    ? { title: '', description: '', body: '' }
    : locale === 'en'
      ? { title: v.titleEn ?? '', description: v.descriptionEn ?? '', body: v.bodyEn ?? '' }
      : { title: v.titleZh ?? '', description: v.descriptionZh ?? '', body: v.bodyZh ?? '' };

function segmenterFor(locale: HelpLocale): Intl.Segmenter | undefined {
  return typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(locale, { granularity: 'word' }) : undefined;
}

export function diffInline(before: string, after: string, locale: HelpLocale): InlinePart[] {
  if (before === after) return after ? [{ op: 'same', text: after }] : [];
  return diffWords(before, after, { intlSegmenter: segmenterFor(locale) }).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

/** Line diff with context: every changed line, CONTEXT_LINES around each change, the rest folded. */
export function diffBody(before: string, after: string): Omit<BodyDiff, 'field'> {
  // A missing final newline is not a change worth showing.
  const norm = (s: string) => (s && !s.endsWith('\n') ? `${s}\n` : s);
  const lines: { op: DiffOp; text: string }[] = [];
  for (const c of diffLines(norm(before), norm(after))) {
    const op: DiffOp = c.added ? 'added' : c.removed ? 'removed' : 'same';
    for (const text of c.value.replace(/\n$/, '').split('\n')) lines.push({ op, text });
  }
  const added = lines.filter((l) => l.op === 'added').length;
  const removed = lines.filter((l) => l.op === 'removed').length;
  const near = lines.map((l) => l.op !== 'same');
  const keep = lines.map((_, i) => {
    for (let d = -CONTEXT_LINES; d <= CONTEXT_LINES; d++) if (near[i + d]) return true;
    return false;
  });
  const out: DiffLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) {
      out.push(lines[i]!);
      continue;
    }
    const last = out.at(-1);
    if (last?.op === 'skip') last.count++;
    else out.push({ op: 'skip', count: 1 });
  }
  return { changed: added + removed > 0, lines: out, added, removed };
}

/** The diff of `after` against `before` (null: the first version, so everything is new). */
export function diffVersions(before: VersionTexts | null, after: VersionTexts): LocaleDiff[] {
  return HELP_LOCALES.map((locale) => {
    const a = texts(before, locale);
    const b = texts(after, locale);
    const title = {
      field: 'title' as const,
      changed: a.title !== b.title,
      parts: diffInline(a.title, b.title, locale),
    };
    const description = {
      field: 'description' as const,
      changed: a.description !== b.description,
      parts: diffInline(a.description, b.description, locale),
    };
    const body = { field: 'body' as const, ...diffBody(a.body, b.body) };
    const status: LocaleDiffStatus =
      !a.title && !b.title
        ? 'absent'
        : !a.title
          ? 'added'
          : !b.title
            ? 'removed'
            : title.changed || description.changed || body.changed
              ? 'changed'
              : 'unchanged';
    return { locale, status, title, description, body };
  });
}
