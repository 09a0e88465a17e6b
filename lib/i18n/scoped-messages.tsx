import 'server-only';
import type { ReactNode } from 'react';
import { I18nProvider } from './client';
import type { ClientScope } from './scopes';
import { clientMessagesFor, getLocale } from './server';

/** Wraps a route group's layout: its client components get their texts, and only those. */
export async function ScopedMessages({ scope, children }: { scope: ClientScope; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={clientMessagesFor(locale, scope)}>
      {children}
    </I18nProvider>
  );
}
