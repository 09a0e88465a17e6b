import { Search } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { MAX_QUERY_LENGTH } from '@/lib/help/limits';
import { getT } from '@/lib/i18n/server';
import { cn } from '@/lib/utils';

/**
 * The help center's search box, on every help page: a plain GET form to /help/search, so it works
 * before (and without) any JavaScript and a search has an address to share or go back to.
 */
export async function HelpSearchForm({
  query = '',
  size = 'default',
  autoFocus = false,
  className,
}: {
  query?: string;
  /**
   * `lg` is the help center's home page, where searching is the main thing to do; `sm` sits beside
   * the breadcrumbs, too narrow for the example queries (its placeholder says what it searches).
   */
  size?: 'sm' | 'default' | 'lg';
  autoFocus?: boolean;
  className?: string;
}) {
  const t = await getT();
  const large = size === 'lg';
  return (
    <form action="/help/search" method="get" role="search" className={cn('flex w-full gap-2', className)}>
      <label htmlFor="help-q" className="sr-only">
        {t('help.searchLabel')}
      </label>
      <div className="relative min-w-0 flex-1">
        <Search
          aria-hidden
          className={cn(
            'pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted-foreground',
            large ? 'size-5' : 'size-4',
          )}
        />
        <Input
          id="help-q"
          name="q"
          type="search"
          defaultValue={query.slice(0, MAX_QUERY_LENGTH)}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={size === 'sm' ? t('help.searchLabel') : t('help.searchPlaceholder')}
          autoComplete="off"
          enterKeyHint="search"
          autoFocus={autoFocus}
          className={cn('bg-background dark:bg-background', large ? 'h-12 pl-10 text-base md:text-base' : 'pl-9')}
          data-testid="help-search-input"
        />
      </div>
      <Button type="submit" size={large ? 'lg' : 'default'} className={large ? 'h-12 px-5' : undefined}>
        {t('help.searchSubmit')}
      </Button>
    </form>
  );
}
