import type { NextRequest } from 'next/server';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './config';

/**
 * The reader's language as proxy.ts sees it, before any page renders: the saved choice, else the
 * browser's, else the default — the same rule as getLocale() in lib/i18n/server.ts.
 */
export function requestLocale(request: NextRequest): Locale {
  const saved = request.cookies.get(LOCALE_COOKIE)?.value;
  if (isLocale(saved)) return saved;
  const fallback = isLocale(process.env.DEFAULT_LOCALE) ? process.env.DEFAULT_LOCALE : 'zh-CN';
  return localeFromAcceptLanguage(request.headers.get('accept-language'), fallback);
}
