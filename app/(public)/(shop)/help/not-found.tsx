import { FileQuestion } from 'lucide-react';
import Link from 'next/link';
import { getT } from '@/lib/i18n/server';
import { HelpSearchForm } from './_components/search-form';

/**
 * An unknown, draft or archived article or topic, inside the shop's own layout and in the
 * visitor's language: a search box and the way back rather than a dead end.
 */
export default async function HelpNotFound() {
  const t = await getT();
  return (
    <div
      className="mx-auto grid w-full max-w-xl justify-items-center gap-5 py-10 text-center"
      data-testid="help-not-found"
    >
      <span
        aria-hidden
        className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground"
      >
        <FileQuestion className="size-6" />
      </span>
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('errors.notFoundTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('help.notFoundHint')}</p>
      </div>
      <HelpSearchForm size="sm" />
      <Link href="/help" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        {t('help.backToHelp')}
      </Link>
    </div>
  );
}
