'use client';

import { CloudOff, RotateCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { useT } from '@/lib/i18n/client';

/**
 * "Service temporarily unavailable": what a page shows while the database is down (the 503 page,
 * and the error boundary when it finds the outage). It counts down and reloads the same address
 * by itself, so a user who waits gets their page back without doing anything.
 */
export function UnavailableNotice({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const t = useT();
  const [left, setLeft] = useState(retryAfterSeconds);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    if (retrying) {
      window.location.reload();
      return;
    }
    const timer = setTimeout(() => (left <= 1 ? setRetrying(true) : setLeft(left - 1)), 1000);
    return () => clearTimeout(timer);
  }, [left, retrying]);

  return (
    <EmptyState
      icon={<CloudOff />}
      title={t('errors.unavailableTitle')}
      description={t('errors.unavailableHint')}
      action={
        <div className="flex flex-col items-center gap-3">
          <Button onClick={() => setRetrying(true)} disabled={retrying} data-testid="unavailable-retry">
            <RotateCw className={retrying ? 'animate-spin' : undefined} aria-hidden />
            {t('errors.retry')}
          </Button>
          <p className="text-xs text-muted-foreground" role="status" aria-live="polite">
            {retrying ? t('errors.unavailableRetrying') : t('errors.unavailableRetryIn', { seconds: left })}
          </p>
        </div>
      }
    />
  );
}
