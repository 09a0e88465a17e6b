import { Search, X } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { GuideHit } from '@/lib/guide/search';
import { MAX_QUERY_LENGTH } from '@/lib/help/limits';
import { getT } from '@/lib/i18n/server';

export type GuideSearchResult = { query: string; results: GuideHit[] };

/**
 * The guide's search: a GET form on the guide page itself, so a search has an address and works
 * without JavaScript; results link to the section's heading further down the same page. Titles
 * and snippets are HTML escaped by the search engine, with only its <mark> added.
 */
export async function GuideSearch({ path, search }: { path: string; search: GuideSearchResult | null }) {
  const t = await getT();
  const query = search?.query ?? '';
  return (
    <div className="mb-6 grid gap-3">
      <form action={path} method="get" role="search" className="flex max-w-xl gap-2">
        <label htmlFor="guide-q" className="sr-only">
          {t('guide.searchLabel')}
        </label>
        <div className="relative min-w-0 flex-1">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id="guide-q"
            name="q"
            type="search"
            defaultValue={query.slice(0, MAX_QUERY_LENGTH)}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t('guide.searchPlaceholder')}
            autoComplete="off"
            enterKeyHint="search"
            className="pl-9"
            data-testid="guide-search-input"
          />
        </div>
        <Button type="submit">{t('guide.searchSubmit')}</Button>
      </form>
      {search && (
        <section aria-labelledby="guide-results-title" className="max-w-3xl rounded-lg border bg-card p-4">
          <div className="mb-2 flex items-start justify-between gap-3">
            <h2 id="guide-results-title" className="text-sm font-medium">
              {search.results.length
                ? t(search.results.length === 1 ? 'guide.resultsOne' : 'guide.resultsMany', {
                    count: search.results.length,
                    query,
                  })
                : t('guide.noResultsTitle', { query })}
            </h2>
            <Link
              href={path}
              className="inline-flex shrink-0 items-center gap-1 rounded-md text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <X aria-hidden className="size-4" />
              {t('guide.clearSearch')}
            </Link>
          </div>
          {search.results.length ? (
            <ol className="grid gap-1" data-testid="guide-results">
              {search.results.map((hit) => (
                <li key={hit.sectionId}>
                  <a
                    href={`#${hit.sectionId}`}
                    className="block rounded-md px-2 py-1.5 outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  >
                    <span
                      className="block text-sm font-medium text-primary [&_mark]:rounded-sm [&_mark]:bg-warning/25 [&_mark]:px-0.5 [&_mark]:text-foreground"
                      dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
                    />
                    <span
                      className="line-clamp-2 block text-sm text-muted-foreground [&_mark]:rounded-sm [&_mark]:bg-warning/25 [&_mark]:px-0.5 [&_mark]:text-foreground"
                      dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
                    />
                  </a>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-muted-foreground">{t('guide.noResultsHint')}</p>
          )}
        </section>
      )}
    </div>
  );
}
