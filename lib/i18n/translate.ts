import type en from '@/messages/en.json';

export type Messages = typeof en;
/** Part of the catalogue, in the same shape: what a layout sends to the browser. */
export type MessageTree = { [key: string]: string | MessageTree };

type Join<K extends string, P extends string> = `${K}.${P}`;
/** Every dot-separated path to a string in the message files: 'auth.signIn.title' ... */
export type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : Join<K, MessageKey<T[K]>>;
}[keyof T & string];

export type TranslateParams = Record<string, string | number>;
export type Translate = {
  (key: MessageKey, params?: TranslateParams): string;
  /** For keys built at run time (error codes, enum values); falls back to `fallback` or the key. */
  dynamic(key: string, params?: TranslateParams, fallback?: string): string;
  /** The raw text of a key, or undefined when neither these messages nor the parent's have it. */
  find(key: string): string | undefined;
};

function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A translator over `messages`; a key they lack is looked up in `parent` (an outer layout's part of
 * the catalogue), and failing that shows as the key itself, so a missing text is seen, not blank.
 */
export function createTranslator(messages: Messages | MessageTree, parent?: Translate): Translate {
  const find = (key: string): string | undefined => lookup(messages, key) ?? parent?.find(key);
  const t = ((key: MessageKey, params?: TranslateParams) => interpolate(find(key) ?? key, params)) as Translate;
  t.dynamic = (key, params, fallback) => {
    const found = find(key);
    return found === undefined ? (fallback ?? key) : interpolate(found, params);
  };
  t.find = find;
  return t;
}
