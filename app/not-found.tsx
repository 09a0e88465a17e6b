import { FileQuestion } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { getT } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getT();
  return (
    <div className="flex min-h-[60dvh] items-center justify-center p-6">
      <EmptyState
        icon={<FileQuestion />}
        title={t('errors.notFoundTitle')}
        description={t('errors.notFoundHint')}
        action={
          <Button asChild variant="outline">
            <Link href="/">{t('common.backHome')}</Link>
          </Button>
        }
      />
    </div>
  );
}
