import {
  BookMarked,
  BookOpen,
  Boxes,
  ChartColumn,
  FileUp,
  House,
  LifeBuoy,
  MessageCircleHeart,
  MessageSquareText,
  Package,
  Settings,
  Users,
} from 'lucide-react';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { AppShell } from '@/components/layout/app-shell';
import { GuideLink } from '@/components/layout/guide-link';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { ScopedMessages } from '@/lib/i18n/scoped-messages';

const IMPORT_PERMISSIONS = [
  'import:product:any',
  'import:customer:any',
  'import:order:any',
  'import:review:any',
] as const;

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('access:desk:any');
  const t = await getT();
  const nav = [
    { href: '/desk', label: t('nav.home'), icon: <House />, exact: true },
    { href: '/desk/cases', label: t('nav.cases'), icon: <LifeBuoy /> },
    { href: '/desk/orders', label: t('nav.orders'), icon: <Package /> },
    ...(can(actor, 'read:customer:any')
      ? [{ href: '/desk/customers', label: t('nav.customers'), icon: <Users /> }]
      : []),
    // The catalogue, read-only, for those who read it (supervisors).
    ...(can(actor, 'read:product:any') ? [{ href: '/desk/products', label: t('nav.products'), icon: <Boxes /> }] : []),
    { href: '/desk/feedback', label: t('nav.feedback'), icon: <MessageCircleHeart /> },
    { href: '/desk/replies', label: t('nav.replies'), icon: <MessageSquareText /> },
    // Dashboards are for supervisors; agents do not see the entry (and the page 404s for them).
    ...(can(actor, 'read:report:any')
      ? [{ href: '/desk/reports', label: t('nav.reports'), icon: <ChartColumn /> }]
      : []),
    // Moving a shop in: for whoever may import any kind of file (supervisors).
    ...(IMPORT_PERMISSIONS.some((p) => can(actor, p))
      ? [{ href: '/desk/imports', label: t('nav.imports'), icon: <FileUp /> }]
      : []),
    // The help center's articles, for their authors (supervisors).
    ...(can(actor, 'manage:help:any')
      ? [{ href: '/desk/help', label: t('nav.helpArticles'), icon: <BookMarked /> }]
      : []),
    { href: '/desk/guide', label: t('nav.guide'), icon: <BookOpen /> },
    { href: '/desk/account', label: t('nav.account'), icon: <Settings /> },
  ];
  return (
    <ScopedMessages scope="desk">
      <AppShell
        area="desk"
        actor={actor}
        nav={nav}
        headerExtra={
          <>
            <GuideLink />
            <NotificationBell area="desk" />
          </>
        }
      >
        {children}
      </AppShell>
    </ScopedMessages>
  );
}
