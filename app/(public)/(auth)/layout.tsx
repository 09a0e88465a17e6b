import { CheckCircle2, LifeBuoy } from 'lucide-react';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { getLocale, getT } from '@/lib/i18n/server';
import { ScopedMessages } from '@/lib/i18n/scoped-messages';

/** Sign-in and registration (AfterDesk itself, for staff and customers with an account): the brand on the left, the form on the right (stacked on phones). */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getT();
  const locale = await getLocale();
  const points = [t('auth.sidePanelPoints.one'), t('auth.sidePanelPoints.two'), t('auth.sidePanelPoints.three')];
  return (
    <ScopedMessages scope="auth">
      <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <aside className="relative hidden overflow-hidden bg-primary text-primary-foreground lg:flex lg:flex-col lg:justify-between lg:p-12">
          <div
            aria-hidden
            className="absolute inset-0 opacity-30 [background:radial-gradient(circle_at_20%_20%,white_0,transparent_40%),radial-gradient(circle_at_80%_70%,white_0,transparent_35%)]"
          />
          <div className="relative flex items-center gap-2 text-lg font-semibold">
            <LifeBuoy className="size-6" />
            {t('common.appName')}
          </div>
          <div className="relative grid gap-6">
            <h2 className="max-w-md text-3xl leading-tight font-semibold">{t('auth.sidePanelTitle')}</h2>
            <ul className="grid gap-3 text-primary-foreground/90">
              {points.map((p) => (
                <li key={p} className="flex items-center gap-3">
                  <CheckCircle2 className="size-5 shrink-0" />
                  {p}
                </li>
              ))}
            </ul>
          </div>
          <p className="relative text-sm text-primary-foreground/70">{t('common.tagline')}</p>
        </aside>
        <main className="flex flex-col">
          <div className="flex items-center justify-between p-4 lg:justify-end">
            <span className="flex items-center gap-2 font-semibold lg:hidden">
              <LifeBuoy className="size-5 text-primary" />
              {t('common.appName')}
            </span>
            <LanguageSwitch current={locale} />
          </div>
          <div className="flex flex-1 items-center justify-center px-4 pb-16">
            <div className="w-full max-w-sm">{children}</div>
          </div>
        </main>
      </div>
    </ScopedMessages>
  );
}
