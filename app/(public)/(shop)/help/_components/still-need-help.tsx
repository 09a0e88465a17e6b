import { MessageSquarePlus } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { getT } from '@/lib/i18n/server';
import { cn } from '@/lib/utils';

/**
 * The way out when no article answers: a request on the portal (the sign-in page comes first for
 * a visitor who is not signed in, and brings them back to the form).
 */
export async function StillNeedHelp({ className }: { className?: string }) {
  const t = await getT();
  return (
    <section
      aria-labelledby="still-need-help"
      className={cn(
        'flex flex-col gap-4 rounded-xl border bg-card p-5 sm:flex-row sm:items-center sm:justify-between',
        className,
      )}
    >
      <div className="grid gap-1">
        <h2 id="still-need-help" className="font-semibold">
          {t('help.stillNeedHelpTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('help.stillNeedHelpHint')}</p>
      </div>
      <Button asChild className="shrink-0">
        <Link href="/portal/cases/new" data-testid="help-submit-request">
          <MessageSquarePlus />
          {t('help.submitRequest')}
        </Link>
      </Button>
    </section>
  );
}
