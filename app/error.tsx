'use client';

import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { useT } from '@/lib/i18n/client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
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
