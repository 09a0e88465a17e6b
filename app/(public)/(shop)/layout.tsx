import { Store } from 'lucide-react';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { getLocale, getT } from '@/lib/i18n/server';
import { getShopProfile } from '@/lib/shop/profile';

/**
 * Pages a shopper reaches without signing in (a survey from an e-mail, later the help center): the
 * shop's own name and nothing of the vendor's — the shopper is the shop's customer, not ours.
 */
export default async function ShopPublicLayout({ children }: { children: React.ReactNode }) {
  const [t, locale, shop] = [await getT(), await getLocale(), await getShopProfile()];
  return (
    <div className="flex min-h-dvh flex-col bg-muted/30">
      <header className="border-b bg-background">
        <div className="mx-auto flex w-full max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <span className="flex min-w-0 items-center gap-2 font-semibold" data-testid="shop-name">
            <Store aria-hidden className="size-5 shrink-0 text-primary" />
            <span className="truncate">{shop.name || t('publicShell.fallbackName')}</span>
          </span>
          <LanguageSwitch current={locale} />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-xl flex-1 flex-col px-4 py-10">{children}</main>
      <footer className="px-4 py-6 text-center text-xs text-muted-foreground">{t('publicShell.footer')}</footer>
    </div>
  );
}
