import { House, LifeBuoy, MessageCircleHeart, Package, RotateCcw, Settings } from 'lucide-react';
import { AppShell } from '@/components/layout/app-shell';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { requireAreaActor } from '@/lib/auth/guard';
import { getT } from '@/lib/i18n/server';
import { ScopedMessages } from '@/lib/i18n/scoped-messages';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAreaActor('access:portal:own');
  const t = await getT();
  const nav = [
    { href: '/portal', label: t('nav.home'), icon: <House />, exact: true },
    { href: '/portal/orders', label: t('nav.orders'), icon: <Package /> },
    { href: '/portal/cases', label: t('nav.cases'), icon: <RotateCcw /> },
    { href: '/portal/feedback', label: t('nav.feedback'), icon: <MessageCircleHeart /> },
    { href: '/portal/account', label: t('nav.account'), icon: <Settings /> },
    // The public help center: answers without opening a request (it leaves the portal's shell).
    { href: '/help', label: t('nav.helpCenter'), icon: <LifeBuoy /> },
  ];
  return (
    <ScopedMessages scope="portal">
      <AppShell area="portal" actor={actor} nav={nav} headerExtra={<NotificationBell area="portal" />}>
        {children}
      </AppShell>
    </ScopedMessages>
  );
}
