import type { Metadata } from 'next';
import { GeistSans } from 'geist/font/sans';
import { GeistMono } from 'geist/font/mono';
import { cookies, headers } from 'next/headers';
import { Toaster } from '@/components/ui/toast';
import { I18nProvider } from '@/lib/i18n/client';
import { clientMessagesFor, getLocale, messagesFor } from '@/lib/i18n/server';
import { isTheme, SYSTEM_THEME_SCRIPT, THEME_COOKIE } from '@/lib/theme';
import { cn } from '@/lib/utils';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await getLocale());
  return {
    title: { default: messages.common.appName, template: `%s · ${messages.common.appName}` },
    description: messages.common.tagline,
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const saved = (await cookies()).get(THEME_COOKIE)?.value;
  const theme = isTheme(saved) ? saved : 'system';
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html
      lang={locale}
      className={cn(GeistSans.variable, GeistMono.variable, theme === 'dark' && 'dark')}
      suppressHydrationWarning
    >
      <head>
        {theme === 'system' ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SYSTEM_THEME_SCRIPT }} /> : null}
      </head>
      <body className="min-h-dvh font-sans">
        <I18nProvider locale={locale} messages={clientMessagesFor(locale, 'root')}>
          {children}
          <Toaster theme={theme} position="top-right" />
        </I18nProvider>
      </body>
    </html>
  );
}
