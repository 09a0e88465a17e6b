import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { env } from '@/lib/env';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './config';
import clientKeys from './client-keys.json';
import type { ClientScope } from './scopes';
import { createTranslator, type Messages, type MessageTree, type Translate } from './translate';

const CATALOG: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOG[locale];
}

function pick(messages: Messages, keys: readonly string[]): MessageTree {
  const tree: MessageTree = {};
  for (const key of keys) {
    const parts = key.split('.');
    let from: unknown = messages;
    let to = tree;
    for (const [i, part] of parts.entries()) {
      from = (from as Record<string, unknown> | undefined)?.[part];
      if (i === parts.length - 1) {
        if (typeof from === 'string') to[part] = from;
      } else to = (to[part] ??= {}) as MessageTree;
    }
  }
  return tree;
}

const clientParts = new Map<string, MessageTree>();

/**
 * The part of the catalogue a layout sends to the browser: the keys its scope's client components
 * use (lib/i18n/client-keys.json), built once per language and scope. The same object is handed to
 * every render, so React serialises one value and nothing is rebuilt per request.
 */
export function clientMessagesFor(locale: Locale, scope: ClientScope): MessageTree {
  const id = `${locale}:${scope}`;
  let part = clientParts.get(id);
  if (!part) clientParts.set(id, (part = pick(CATALOG[locale], clientKeys[scope])));
  return part;
}

/** The request's language: the saved choice (cookie), else the browser's, else the shop default. */
export const getLocale = cache(async (): Promise<Locale> => {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(saved)) return saved;
  return localeFromAcceptLanguage((await headers()).get('accept-language'), env().DEFAULT_LOCALE);
});

export const getT = cache(async (): Promise<Translate> => createTranslator(messagesFor(await getLocale())));
