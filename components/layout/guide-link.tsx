'use client';

import { CircleHelp } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n/client';
import { guideHrefFor } from '@/lib/guide/sections';

/** The header's "?": opens the staff guide at the section about the page being shown. */
export function GuideLink() {
  const t = useT();
  const href = guideHrefFor(usePathname());
  if (!href) return null;
  const label = t('guide.linkLabel');
  return (
    <Button variant="ghost" size="icon" asChild>
      <Link href={href} aria-label={label} title={label} data-testid="guide-link">
        <CircleHelp />
      </Link>
    </Button>
  );
}
