import {
  BookMarked,
  BookOpen,
  Boxes,
  ChartColumn,
  DatabaseBackup,
  KeyRound,
  LayoutDashboard,
  ListOrdered,
  Mail,
  MessageCircleHeart,
  Route,
  ScrollText,
  Settings,
  ShieldCheck,
  SlidersHorizontal,
  Store,
  Tags,
  Timer,
  Trash,
  Users,
  UsersRound,
} from 'lucide-react';
import { AppShell } from '@/components/layout/app-shell';
import { GuideLink } from '@/components/layout/guide-link';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { requireAreaActor } from '@/lib/auth/guard';
import { can } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { ScopedMessages } from '@/lib/i18n/scoped-messages';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('access:admin:any');
  const t = await getT();
  const nav = [
    { href: '/admin', label: t('nav.overview'), icon: <LayoutDashboard />, exact: true },
    { href: '/admin/reports', label: t('nav.reports'), icon: <ChartColumn /> },
    { href: '/admin/users', label: t('nav.users'), icon: <Users /> },
    { href: '/admin/teams', label: t('nav.teams'), icon: <UsersRound /> },
    ...(can(actor, 'read:product:any') ? [{ href: '/admin/products', label: t('nav.products'), icon: <Boxes /> }] : []),
    { href: '/admin/categories', label: t('nav.categories'), icon: <Tags /> },
    { href: '/admin/channels', label: t('nav.channels'), icon: <Store /> },
    { href: '/admin/policies', label: t('nav.policies'), icon: <ShieldCheck /> },
    { href: '/admin/sla', label: t('nav.sla'), icon: <Timer /> },
    { href: '/admin/priority-rules', label: t('nav.priorityRules'), icon: <ListOrdered /> },
    { href: '/admin/routing-rules', label: t('nav.routingRules'), icon: <Route /> },
    { href: '/admin/feedback', label: t('nav.feedbackSetup'), icon: <MessageCircleHeart /> },
    // Admins write help articles here, having no desk (docs/decisions/0002).
    ...(can(actor, 'manage:help:any')
      ? [{ href: '/admin/help', label: t('nav.helpArticles'), icon: <BookMarked /> }]
      : []),
    { href: '/admin/outbox', label: t('nav.outbox'), icon: <Mail /> },
    { href: '/admin/backups', label: t('nav.backups'), icon: <DatabaseBackup /> },
    { href: '/admin/orders', label: t('nav.bin'), icon: <Trash /> },
    { href: '/admin/api-keys', label: t('nav.apiKeys'), icon: <KeyRound /> },
    { href: '/admin/settings', label: t('nav.shopSettings'), icon: <SlidersHorizontal /> },
    { href: '/admin/audit', label: t('nav.audit'), icon: <ScrollText /> },
    { href: '/admin/guide', label: t('nav.guide'), icon: <BookOpen /> },
    { href: '/admin/account', label: t('nav.account'), icon: <Settings /> },
  ];
  return (
    <ScopedMessages scope="admin">
      <AppShell
        area="admin"
        actor={actor}
        nav={nav}
        headerExtra={
          <>
            <GuideLink />
            <NotificationBell area="admin" />
          </>
        }
      >
        {children}
      </AppShell>
    </ScopedMessages>
  );
}
