import { LifeBuoy } from 'lucide-react';
import Link from 'next/link';
import { cookies } from 'next/headers';
import { LiveConnectionProvider } from '@/components/realtime/live-provider';
import type { Actor } from '@/lib/authz';
import { getLocale, getT } from '@/lib/i18n/server';
import { isTheme, THEME_COOKIE } from '@/lib/theme';
import { LanguageSwitch } from './language-switch';
import { NavLinks, type NavItem } from './nav-links';
import { UserMenu } from './user-menu';

export type ShellArea = 'portal' | 'desk' | 'admin';

/** The frame shared by the three signed-in areas: sidebar navigation, header, user menu. */
export async function AppShell({
  area,
  actor,
  nav,
  headerExtra,
  children,
}: {
  area: ShellArea;
  actor: Actor;
  nav: NavItem[];
  /** Area-specific header controls, e.g. the desk's notification bell. */
  headerExtra?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = await getT();
  const locale = await getLocale();
  const savedTheme = (await cookies()).get(THEME_COOKIE)?.value;
  const areaName = t(area === 'portal' ? 'shell.portalName' : area === 'desk' ? 'shell.deskName' : 'shell.adminName');
  const brand = (
    <Link
      href={`/${area}`}
      className="flex items-center gap-2.5 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <LifeBuoy className="size-4.5" />
      </span>
      <span className="grid leading-tight">
        <span className="font-semibold">{t('common.appName')}</span>
        <span className="text-xs text-muted-foreground">{areaName}</span>
      </span>
    </Link>
  );
  const shell = (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]" data-area={area}>
      <a
        href="#content"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('shell.skipToContent')}
      </a>
      <aside className="hidden border-r bg-sidebar md:block">
        <div className="sticky top-0 flex h-dvh flex-col gap-6 px-3 py-4">
          <div className="px-2">{brand}</div>
          <NavLinks items={nav} orientation="vertical" label={t('shell.mainNavigation')} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
          <div className="flex h-14 items-center gap-3 px-4 md:px-6">
            <div className="md:hidden">{brand}</div>
            <div className="ml-auto flex items-center gap-1">
              {headerExtra}
              <LanguageSwitch current={locale} />
              <UserMenu
                name={actor.name}
                email={actor.email}
                roleLabel={t(`roles.${actor.role}`)}
                accountHref={`/${area}/account`}
                theme={isTheme(savedTheme) ? savedTheme : 'system'}
              />
            </div>
          </div>
          <div className="border-t px-2 py-1.5 md:hidden">
            <NavLinks items={nav} orientation="horizontal" label={t('shell.mainNavigation')} />
          </div>
        </header>
        <main id="content" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
  // One live connection per browser for everything live in the shell (lists, case pages, the bell).
  return (
    <LiveConnectionProvider key={actor.userId} userId={actor.userId}>
      {shell}
    </LiveConnectionProvider>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="max-w-2xl text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
