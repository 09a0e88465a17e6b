'use client';

import { Bell, CheckCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { loadNotificationsAction, markNotificationsReadAction } from '@/app/(agent)/desk/actions';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useI18n } from '@/lib/i18n/client';
import { NOTIFICATION_TARGETS, type NotificationDto } from '@/lib/notifications/dto';
import { cn } from '@/lib/utils';

type State = { items: NotificationDto[]; unread: number };

export function NotificationMenu({ initial }: { initial: State }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [state, setState] = useState<State>({ items: initial.items, unread: initial.unread });
  const [, startTransition] = useTransition();

  useEffect(() => {
    const source = new EventSource('/api/events?topics=notifications');
    source.addEventListener('change', () => {
      void loadNotificationsAction().then((r) => {
        if (r.ok) setState({ items: r.data.items, unread: r.data.unread });
      });
    });
    return () => source.close();
  }, []);

  function open(n: NotificationDto) {
    if (!n.read) {
      setState((s) => ({
        items: s.items.map((i) => (i.id === n.id ? { ...i, read: true } : i)),
        unread: Math.max(0, s.unread - 1),
      }));
      startTransition(async () => {
        await markNotificationsReadAction({ ids: [n.id] });
      });
    }
    if (n.caseNo) router.push(`/desk/cases/${n.caseNo}`);
    else if (NOTIFICATION_TARGETS[n.kind]) router.push(NOTIFICATION_TARGETS[n.kind]!);
  }

  function readAll() {
    setState((s) => ({ items: s.items.map((i) => ({ ...i, read: true })), unread: 0 }));
    startTransition(async () => {
      await markNotificationsReadAction({ all: true });
    });
  }

  const since = (iso: string) =>
    new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={t('notifications.open', { count: state.unread })}
          data-testid="notification-bell"
        >
          <Bell />
          {state.unread > 0 ? (
            <span
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white"
              data-testid="notification-count"
            >
              {state.unread > 99 ? '99+' : state.unread}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80">
        <div className="flex items-center justify-between gap-2 pr-1">
          <DropdownMenuLabel>{t('notifications.title')}</DropdownMenuLabel>
          {state.unread > 0 ? (
            <Button variant="ghost" size="sm" className="h-7 text-xs" onClick={readAll}>
              <CheckCheck />
              {t('notifications.markAllRead')}
            </Button>
          ) : null}
        </div>
        <DropdownMenuSeparator />
        {state.items.length === 0 ? (
          <p className="px-2 py-6 text-center text-sm text-muted-foreground">{t('notifications.empty')}</p>
        ) : (
          <div className="max-h-96 overflow-y-auto">
            {state.items.map((n) => (
              <DropdownMenuItem
                key={n.id}
                onSelect={() => open(n)}
                className="items-start gap-2.5 py-2"
                data-testid="notification-item"
              >
                <span
                  className={cn(
                    'mt-1.5 size-2 shrink-0 rounded-full',
                    n.read ? 'bg-transparent' : n.kind === 'sla_breached' ? 'bg-destructive' : 'bg-primary',
                  )}
                  aria-hidden
                />
                <span className="grid gap-0.5">
                  <span className={cn('text-sm', !n.read && 'font-medium')}>
                    {t.dynamic(`notifications.kinds.${n.kind}`, { caseNo: n.caseNo ?? '' })}
                  </span>
                  <span className="text-xs text-muted-foreground">{since(n.createdAt)}</span>
                </span>
              </DropdownMenuItem>
            ))}
          </div>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
