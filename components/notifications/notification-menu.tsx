'use client';

import { Bell, CheckCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, useTransition } from 'react';
import { loadNotificationsAction, markNotificationsReadAction } from '@/app/actions';
import { useLiveEvents } from '@/components/realtime/live-provider';
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
import { formatDateTime } from '@/lib/i18n/format';
import { NOTIFICATION_TARGETS, type NotificationDto } from '@/lib/notifications/dto';
import { cn } from '@/lib/utils';

type State = { items: NotificationDto[]; unread: number; phase: 'loading' | 'ready' | 'failed' };

/**
 * The header bell of every signed-in area. The list loads after the page (it never delays the
 * server render) and again whenever the browser's live connection says something arrived.
 * Times are the shop's wall clock, like every other time in the app.
 */
export function NotificationMenu({
  audience,
  caseHrefBase,
  timeZone,
}: {
  /** Customers see their requests' status in customer words, and their own empty text. */
  audience: 'staff' | 'customer';
  caseHrefBase: string;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [state, setState] = useState<State>({ items: [], unread: 0, phase: 'loading' });
  const [, startTransition] = useTransition();

  const reload = useCallback(() => {
    void loadNotificationsAction().then(
      (r) =>
        setState((s) =>
          r.ok
            ? { items: r.data.items, unread: r.data.unread, phase: 'ready' }
            : { ...s, phase: s.phase === 'ready' ? 'ready' : 'failed' },
        ),
      () => setState((s) => ({ ...s, phase: s.phase === 'ready' ? 'ready' : 'failed' })),
    );
  }, []);
  useEffect(reload, [reload]);
  useLiveEvents('notifications', reload);

  function open(n: NotificationDto) {
    if (!n.read) {
      setState((s) => ({
        ...s,
        items: s.items.map((i) => (i.id === n.id ? { ...i, read: true } : i)),
        unread: Math.max(0, s.unread - 1),
      }));
      startTransition(async () => {
        await markNotificationsReadAction({ ids: [n.id] });
      });
    }
    if (n.caseNo) router.push(`${caseHrefBase}/${n.caseNo}`);
    else if (NOTIFICATION_TARGETS[n.kind]) router.push(NOTIFICATION_TARGETS[n.kind]!);
  }

  function readAll() {
    setState((s) => ({ ...s, items: s.items.map((i) => ({ ...i, read: true })), unread: 0 }));
    startTransition(async () => {
      await markNotificationsReadAction({ all: true });
    });
  }

  const since = (iso: string) => formatDateTime(iso, locale, timeZone);

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={t('notifications.open', { count: state.unread })}
          data-testid="notification-bell"
          data-unread={state.unread}
          data-phase={state.phase}
        >
          <Bell />
          {state.unread > 0 ? (
            <span
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-destructive-foreground"
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
            // A menu may own only menu items (axe aria-required-children), so "mark all read" is one;
            // preventDefault keeps the menu open to show the list turning read.
            <DropdownMenuItem
              className="h-7 text-xs"
              onSelect={(e) => {
                e.preventDefault();
                readAll();
              }}
            >
              <CheckCheck />
              {t('notifications.markAllRead')}
            </DropdownMenuItem>
          ) : null}
        </div>
        <DropdownMenuSeparator />
        {state.items.length === 0 ? (
          <p className="px-2 py-6 text-center text-sm text-muted-foreground" data-testid="notification-empty">
            {state.phase === 'loading'
              ? t('notifications.loading')
              : state.phase === 'failed'
                ? t('notifications.loadFailed')
                : t(audience === 'customer' ? 'notifications.emptyCustomer' : 'notifications.empty')}
          </p>
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
                  {audience === 'customer' && n.caseStatus ? (
                    <span className="text-xs text-muted-foreground">
                      {t('notifications.caseNow', { status: t.dynamic(`cases.customerStatus.${n.caseStatus}`) })}
                    </span>
                  ) : null}
                  <time className="text-xs text-muted-foreground" dateTime={n.createdAt}>
                    {since(n.createdAt)}
                  </time>
                </span>
              </DropdownMenuItem>
            ))}
          </div>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
