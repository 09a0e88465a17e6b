import { LifeBuoy, Store } from 'lucide-react';
import Link from 'next/link';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { getLocale, getT } from '@/lib/i18n/server';
import { shopProfile } from './_lib/shop';
import { ScopedMessages } from '@/lib/i18n/scoped-messages';

/**
 * Pages a shopper reaches without signing in (a survey from an e-mail, the help center): the
 * shop's own name and nothing of the vendor's — the shopper is the shop's customer, not ours.
 * The column is as wide as the help center's article with its table of contents; narrower pages
 * (the survey form) keep their own width inside it.
 */
export default async function ShopPublicLayout({ children }: { children: React.ReactNode }) {
  const [t, locale, shop] = [await getT(), await getLocale(), await shopProfile()];
  return (
    <ScopedMessages scope="shop">
      <div className="flex min-h-dvh flex-col bg-muted/30">
        <header className="border-b bg-background">
          <div className="mx-auto flex w-full max-w-5xl items-center justify-between gap-4 px-4 py-3">
            <span className="flex min-w-0 items-center gap-2 font-semibold" data-testid="shop-name">
              <Store aria-hidden className="size-5 shrink-0 text-primary" />
              <span className="truncate">{shop.name || t('publicShell.fallbackName')}</span>
            </span>
            <div className="flex shrink-0 items-center gap-1">
              <Link
                href="/help"
                className="inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-muted-foreground outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
                data-testid="shop-help-link"
              >
                <LifeBuoy aria-hidden className="size-4" />
                {/* On a phone the icon alone, so the shop's name keeps its room; still named for everyone. */}
                <span className="sr-only sm:not-sr-only">{t('help.title')}</span>
              </Link>
              <LanguageSwitch current={locale} />
            </div>
          </div>
        </header>
        <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col px-4 py-8 sm:py-10">{children}</main>
        <footer className="px-4 py-6 text-center text-xs text-muted-foreground">{t('publicShell.footer')}</footer>
      </div>
    </ScopedMessages>
  );
}
