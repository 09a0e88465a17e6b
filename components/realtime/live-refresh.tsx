'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

/**
 * Keeps a server-rendered page current: when the event stream reports a change on one of `topics`,
 * the page re-renders on the server (router.refresh), so it always shows what the authorised
 * queries return — the event itself carries no data to trust.
 */
export function LiveRefresh({ topics, className }: { topics: string[]; className?: string }) {
  const router = useRouter();
  const t = useT();
  const [connected, setConnected] = useState(false);
  const key = topics.join(',');
  useEffect(() => {
    const source = new EventSource(`/api/events?topics=${encodeURIComponent(key)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('change', () => {
      // Several changes in a burst (bulk edits) cause one refresh.
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 150);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [key, router]);
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
