'use client';

import { TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { UnavailableNotice } from '@/components/outage/unavailable-notice';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { useT } from '@/lib/i18n/client';

const OUTAGE_REASONS = ['database_unreachable', 'database_timeout'];

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  // A page that failed because the database just went away (before proxy.ts knew it, so it got a
  // 500 rather than the 503 page) shows the outage notice, which retries by itself.
  const [retryAfter, setRetryAfter] = useState<number | null>(null);
  useEffect(() => {
    let active = true;
    fetch('/api/health/ready', { cache: 'no-store' })
      .then(async (res) => {
        if (res.status !== 503) return;
        const body = (await res.json()) as { reason?: string };
        if (active && body.reason && OUTAGE_REASONS.includes(body.reason))
          setRetryAfter(Number(res.headers.get('Retry-After')) || 15);
      })
      .catch(() => {});
    return () => {
      active = false;
    };
  }, []);
  if (retryAfter) {
    return (
      <div className="flex min-h-[60dvh] items-center justify-center p-6">
        <UnavailableNotice retryAfterSeconds={retryAfter} />
      </div>
    );
  }
  return (
    <div className="flex min-h-[60dvh] items-center justify-center p-6">
      <EmptyState
        icon={<TriangleAlert />}
        title={t('errors.errorTitle')}
        description={t('errors.errorHint')}
        action={<Button onClick={reset}>{t('errors.retry')}</Button>}
      />
    </div>
  );
}
