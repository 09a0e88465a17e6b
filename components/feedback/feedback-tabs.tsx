'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';

const TABS = [
  { key: 'inbox', href: '/desk/feedback' },
  { key: 'stats', href: '/desk/feedback/stats' },
] as const;

/** Inbox | Statistics at the top of the desk's feedback pages; the current one follows the URL. */
export function FeedbackTabs({ className }: { className?: string }) {
  const t = useT();
  const pathname = usePathname();
  const current = pathname.startsWith('/desk/feedback/stats') ? 'stats' : 'inbox';
  return (
    <nav className={cn('mb-4 flex flex-wrap gap-1 border-b', className)} aria-label={t('feedbackDesk.tabs.label')}>
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? 'page' : undefined}
          className={cn(
            '-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground',
            tab.key === current ? 'border-primary text-foreground' : 'border-transparent',
          )}
          data-testid={`feedback-tab-${tab.key}`}
        >
          {t(`feedbackDesk.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
