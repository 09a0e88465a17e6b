import { expect, type Page } from '@playwright/test';
import en from '../messages/en.json';

/**
 * A text the translator could not find shows as its key ("desk.cases.title"), so a page that
 * leaks one shows a catalogue key as words. Since each layout sends only its scope's part of the
 * catalogue (lib/i18n/scopes.ts), a key missed by the scope walk would show this way in the
 * browser only — which is why the check runs on rendered pages, in both languages.
 */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string' ? [`${prefix}${name}`] : leafKeys(value as object, `${prefix}${name}.`),
  );
}
const KEYS = new Set(leafKeys(en));
const NAMESPACES = new Set(Object.keys(en));
const KEY_SHAPED = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;

/**
 * A key of the catalogue, or a key-shaped word of three or more parts in one of its namespaces
 * (a dynamic key such as `cases.status.${code}` with no text). Two-part words that are not keys
 * stay words: "orders.csv" is a file name.
 */
function looksLikeKey(word: string): boolean {
  if (!KEY_SHAPED.test(word)) return false;
  if (KEYS.has(word)) return true;
  const parts = word.split('.');
  return parts.length >= 3 && NAMESPACES.has(parts[0] ?? '');
}

/** Every word the user can read or hear: text, and the names and hints in attributes. */
async function shownWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
      texts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]'))
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) texts.push(el.getAttribute(name) ?? '');
    texts.push(document.title);
    return texts
      .flatMap((text) => text.split(/[\s,;:!?()[\]{}"'“”‘’「」（），。：；！？、]+/))
      .map((word) => word.replace(/\.+$/, ''))
      .filter(Boolean);
  });
}

export async function expectNoCatalogueKeys(page: Page, where: string) {
  const leaked = [...new Set((await shownWords(page)).filter(looksLikeKey))];
  expect(leaked, `${where} shows catalogue keys instead of words`).toEqual([]);
}
