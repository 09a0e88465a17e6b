'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { useLiveEvents, useLiveStatus } from './live-provider';

/**
 * Keeps a server-rendered page current: when the browser's live connection reports a change on one
 * of `topics` (or asks for a resync), the page re-renders on the server (router.refresh), so it
 * always shows what the authorised queries return — the event itself carries no data to trust.
 */
export function LiveRefresh({ topics, className }: { topics: string[]; className?: string }) {
  const router = useRouter();
  const t = useT();
  const connected = useLiveStatus();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLiveEvents(topics, () => {
    // Several changes in a burst (bulk edits) cause one refresh.
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 text-xs text-muted-foreground', className)}
      title={t('orders.liveHint')}
      data-testid="live-indicator"
      data-connected={connected}
    >
      <span className={cn('size-2 rounded-full', connected ? 'animate-pulse bg-success' : 'bg-muted-foreground/40')} />
      {t('orders.live')}
    </span>
  );
}
