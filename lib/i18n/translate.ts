import type en from '@/messages/en.json';

export type Messages = typeof en;

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

export function createTranslator(messages: Messages): Translate {
  const t = ((key: MessageKey, params?: TranslateParams) =>
    interpolate(lookup(messages, key) ?? key, params)) as Translate;
  t.dynamic = (key, params, fallback) => {
    const found = lookup(messages, key);
    return found === undefined ? (fallback ?? key) : interpolate(found, params);
  };
  return t;
}
