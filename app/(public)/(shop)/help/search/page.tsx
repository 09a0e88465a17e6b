import { SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import {
  Pagination,
  PaginationContent,
  PaginationItem,
  PaginationNext,
  PaginationPrevious,
} from '@/components/ui/pagination';
import { MAX_QUERY_LENGTH } from '@/lib/help/limits';
import { RESULTS_PER_PAGE, searchHelpCenter } from '@/lib/help/reader';
import { getLocale, getT } from '@/lib/i18n/server';
import { HelpBreadcrumbs } from '../_components/breadcrumbs';
import { HelpSearchForm } from '../_components/search-form';
import { StillNeedHelp } from '../_components/still-need-help';
import { helpCategories, helpMetadata, readerCtx, shopName } from '../_lib/read';

/** HelpQueryInput's last page: a next link beyond it would land back on page 1. */
const LAST_PAGE = 20;
/** How much of a long query the headings quote back. */
const QUOTE_CHARS = 60;

type Search = Awaited<PageProps<'/help/search'>['searchParams']>;

function first(value: Search[string]): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** What is searched: the first `q`, cut to what the search reads (the address may hold more). */
function queryOf(search: Search): string {
  return first(search.q).slice(0, MAX_QUERY_LENGTH);
}

const quoted = (q: string) => (q.length > QUOTE_CHARS ? `${q.slice(0, QUOTE_CHARS)}…` : q);

export async function generateMetadata({ searchParams }: PageProps<'/help/search'>): Promise<Metadata> {
  const q = queryOf(await searchParams).trim();
  const t = await getT();
  return helpMetadata({
    title: t('help.metaPageTitle', { title: q ? quoted(q) : t('help.metaSearchTitle'), shop: await shopName() }),
    description: t('help.metaSearchTitle'),
    path: '/help/search',
    // A results page is not a page of its own for search engines; its articles are.
    index: false,
  });
}

/**
 * Search results with the matched words marked. The snippets come from lib already escaped, with
 * only <mark> added, so they are set as HTML here. Nothing searchable (no words, only punctuation
 * or emoji) and nothing found are the same calm page with the topics to browse instead.
 */
export default async function HelpSearchPage({ searchParams }: PageProps<'/help/search'>) {
  const search = await searchParams;
  const [t, locale] = [await getT(), await getLocale()];
  const q = queryOf(search);
  const requestedPage = Number(first(search.page)) || 1;
  const result = q.trim()
    ? await searchHelpCenter({ ctx: await readerCtx(), input: { q, page: requestedPage, locale } })
    : null;
  const page = result?.page ?? 1;
  const shown = result?.query ?? '';
  const href = (p: number) =>
    `/help/search?${new URLSearchParams({ q: shown, ...(p > 1 ? { page: String(p) } : {}) })}`;

  let heading: string | null = null;
  if (result?.results.length) {
    const from = (page - 1) * RESULTS_PER_PAGE + 1;
    heading =
      page === 1 && !result.hasMore
        ? t(result.results.length === 1 ? 'help.resultsOne' : 'help.resultsMany', {
            count: result.results.length,
            query: quoted(shown),
          })
        : t('help.resultsRange', { from, to: from + result.results.length - 1, query: quoted(shown) });
  }

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6">
      <HelpBreadcrumbs trail={[{ label: t('help.searchTitle') }]} />
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">
          {q.trim() ? t('help.searchTitle') : t('help.metaSearchTitle')}
        </h1>
        <HelpSearchForm query={q} autoFocus={!q.trim()} />
      </div>
      {result?.results.length ? (
        <section aria-labelledby="help-results-heading" className="grid gap-4">
          <p id="help-results-heading" className="text-sm text-muted-foreground" data-testid="help-results-count">
            {heading}
          </p>
          <ol className="grid gap-3" data-testid="help-results">
            {result.results.map((r) => (
              <li key={r.slug} className="rounded-xl border bg-card p-4 sm:p-5" data-testid="help-result">
                <h2 className="font-medium">
                  <Link
                    href={`/help/${r.slug}`}
                    className="text-primary underline-offset-4 hover:underline [&_mark]:rounded-sm [&_mark]:bg-warning/25 [&_mark]:px-0.5 [&_mark]:text-foreground"
                  >
                    <span dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
                  </Link>
                </h2>
                {r.snippetHtml ? (
                  <p
                    className="mt-1.5 text-sm text-muted-foreground [&_mark]:rounded-sm [&_mark]:bg-warning/25 [&_mark]:px-0.5 [&_mark]:text-foreground"
                    dangerouslySetInnerHTML={{ __html: r.snippetHtml }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
          {page > 1 || result.hasMore ? (
            <Pagination aria-label={t('help.paginationLabel')}>
              <PaginationContent>
                <PaginationItem>
                  <PaginationPrevious href={page > 1 ? href(page - 1) : undefined} label={t('help.previous')} />
                </PaginationItem>
                <PaginationItem>
                  <PaginationNext
                    href={result.hasMore && page < LAST_PAGE ? href(page + 1) : undefined}
                    label={t('help.next')}
                  />
                </PaginationItem>
              </PaginationContent>
            </Pagination>
          ) : null}
        </section>
      ) : (
        <NoResults
          kind={!result ? 'empty' : !result.terms.length ? 'noTerms' : page > 1 ? 'beyond' : 'none'}
          query={quoted(shown)}
          firstPage={href(1)}
          locale={locale}
        />
      )}
      <StillNeedHelp />
    </div>
  );
}

async function NoResults({
  kind,
  query,
  firstPage,
  locale,
}: {
  kind: 'empty' | 'noTerms' | 'none' | 'beyond';
  query: string;
  firstPage: string;
  locale: 'zh-CN' | 'en';
}) {
  const t = await getT();
  if (kind === 'beyond') {
    return (
      <EmptyState
        icon={<SearchX />}
        title={t('help.pageBeyondTitle')}
        description={t('help.pageBeyondHint', { query })}
        action={
          <Link href={firstPage} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            {t('help.firstPage')}
          </Link>
        }
        className="bg-card"
      />
    );
  }
  const categories = (await helpCategories(locale, 0)).filter((c) => c.articleCount);
  const [title, description] =
    kind === 'empty'
      ? [t('help.emptyQueryTitle'), t('help.emptyQueryHint')]
      : kind === 'noTerms'
        ? [t('help.noTermsTitle'), t('help.noTermsHint')]
        : [t('help.noResultsTitle'), t('help.noResultsHint', { query })];
  return (
    <div className="grid gap-6 rounded-xl border border-dashed bg-card px-5 py-8 sm:px-8" data-testid="help-no-results">
      <div className="grid justify-items-center gap-3 text-center">
        <span
          aria-hidden
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground"
        >
          <SearchX className="size-6" />
        </span>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="max-w-md text-sm text-muted-foreground">{description}</p>
      </div>
      {categories.length ? (
        <nav aria-labelledby="help-browse" className="grid gap-3">
          <h3 id="help-browse" className="text-sm font-semibold">
            {t('help.categoriesTitle')}
          </h3>
          <ul className="grid gap-2 sm:grid-cols-2">
            {categories.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/help/category/${c.slug}`}
                  className="block rounded-lg border px-3 py-2 text-sm font-medium transition-colors hover:bg-accent"
                >
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
