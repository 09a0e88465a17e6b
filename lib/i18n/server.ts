import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { env } from '@/lib/env';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './config';
import { createTranslator, type Messages, type Translate } from './translate';

const CATALOG: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOG[locale];
}

/** The request's language: the saved choice (cookie), else the browser's, else the shop default. */
export const getLocale = cache(async (): Promise<Locale> => {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(saved)) return saved;
  return localeFromAcceptLanguage((await headers()).get('accept-language'), env().DEFAULT_LOCALE);
});

export const getT = cache(async (): Promise<Translate> => createTranslator(messagesFor(await getLocale())));
