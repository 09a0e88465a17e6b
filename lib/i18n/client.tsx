'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './config';
import { createTranslator, type MessageTree, type Translate } from './translate';

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

/**
 * Gives client components their translator. Providers nest: a route group's layout adds the keys
 * its components use (see lib/i18n/scopes.ts) to those of the root layout.
 */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: MessageTree;
  children: ReactNode;
}) {
  const parent = useContext(I18nContext);
  const value = useMemo(() => ({ locale, t: createTranslator(messages, parent?.t) }), [locale, messages, parent]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
