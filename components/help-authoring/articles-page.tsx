import { FileText, Plus, Search, ThumbsDown, ThumbsUp } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { listArticlesForAuthors, listAuthorCategories, type AuthorArticleRowDto } from '@/lib/help/authoring';
import { listLowRatedArticles } from '@/lib/help/low-rated';
import { HELP_ARTICLE_STATUSES } from '@/lib/help/schemas';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';
import { cn } from '@/lib/utils';
import { ArticleStatusBadge, MissingTranslationBadge, UnpublishedChangesBadge } from './article-badges';
import { authorOr404 } from './author-or-404';
import { CategoriesPanel } from './categories-panel';
import { LowRatedList } from './low-rated-list';
import type { SaveCategoryAction } from './types';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The authors' list of help articles, the same for /desk/help (supervisors) and /admin/help
 * (admins): filters in the URL, newest change first, and a second view with the articles readers
 * marked unhelpful. The reads authorise; anyone else gets a 404.
 */
export async function HelpArticlesPage({
  basePath,
  searchParams,
  saveCategory,
}: {
  basePath: string;
  searchParams: SearchParams;
  saveCategory: SaveCategoryAction;
}) {
  const params = pickParams(searchParams, ['q', 'status', 'categoryId', 'cursor', 'view'] as const);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const lowView = params.view === 'low-rated';
  const categoriesView = params.view === 'categories';
  const listView = !lowView && !categoriesView;
  const [categories, lowRated] = await authorOr404(() =>
    Promise.all([listAuthorCategories({ ctx }), listLowRatedArticles({ ctx })]),
  );
  const filters = { q: params.q, status: params.status, categoryId: params.categoryId, cursor: params.cursor };
  // A hand-edited URL (unknown status or category) shows an empty list, not an error page.
  const page: Page<AuthorArticleRowDto> = !listView
    ? { items: [], nextCursor: null }
    : await listArticlesForAuthors({ ctx, input: filters }).catch((err) => {
        if (err instanceof ValidationError) return { items: [], nextCursor: null };
        throw err;
      });
  const filtered = !!(params.q || params.status || params.categoryId);
  const catName = (c: { nameZh: string; nameEn: string }) => (locale === 'en' ? c.nameEn : c.nameZh);
  const tz = env().SHOP_TIMEZONE;

  const tabs = [
    { href: basePath, label: t('helpAuthoring.list.allTab'), current: listView, testId: 'tab-all' },
    {
      href: `${basePath}?view=low-rated`,
      label: t('helpAuthoring.list.lowRatedTab', { count: lowRated.length }),
      current: lowView,
      testId: 'tab-low-rated',
    },
    {
      href: `${basePath}?view=categories`,
      label: t('helpAuthoring.list.categoriesTab', { count: categories.length }),
      current: categoriesView,
      testId: 'tab-categories',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('helpAuthoring.list.title')}
        description={t('helpAuthoring.list.description')}
        actions={
          <Button asChild data-testid="new-article">
            <Link href={`${basePath}/new`}>
              <Plus />
              {t('helpAuthoring.list.new')}
            </Link>
          </Button>
        }
      />
      <nav aria-label={t('helpAuthoring.list.views')} className="mb-4 flex gap-1 border-b">
        {tabs.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={tab.current ? 'page' : undefined}
            data-testid={tab.testId}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors',
              tab.current
                ? 'border-primary text-foreground'
                : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {tab.label}
          </Link>
        ))}
      </nav>

      {lowView ? (
        <LowRatedList items={lowRated} basePath={basePath} />
      ) : categoriesView ? (
        <CategoriesPanel categories={categories} save={saveCategory} />
      ) : (
        <>
          <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
            <div className="relative min-w-56 flex-1">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                name="q"
                type="search"
                defaultValue={params.q}
                placeholder={t('helpAuthoring.list.search')}
                aria-label={t('helpAuthoring.list.search')}
                className="pl-9"
                maxLength={100}
              />
            </div>
            <NativeSelect
              name="status"
              defaultValue={params.status ?? ''}
              aria-label={t('helpAuthoring.list.status')}
              containerClassName="w-40"
            >
              <option value="">{t('helpAuthoring.list.anyStatus')}</option>
              {HELP_ARTICLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`helpAuthoring.status.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              name="categoryId"
              defaultValue={params.categoryId ?? ''}
              aria-label={t('helpAuthoring.list.category')}
              containerClassName="w-48"
            >
              <option value="">{t('helpAuthoring.list.anyCategory')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {catName(c)}
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" variant="secondary">
              {t('common.apply')}
            </Button>
            {filtered ? (
              <Button variant="ghost" asChild>
                <Link href={basePath}>{t('common.reset')}</Link>
              </Button>
            ) : null}
          </form>

          {page.items.length === 0 ? (
            filtered || params.cursor ? (
              <EmptyState
                icon={<Search />}
                title={t('helpAuthoring.list.noMatch')}
                action={
                  <Button variant="outline" asChild>
                    <Link href={basePath}>{t('common.reset')}</Link>
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<FileText />}
                title={t('helpAuthoring.list.empty')}
                description={t('helpAuthoring.list.emptyHint')}
                action={
                  <Button asChild>
                    <Link href={`${basePath}/new`}>
                      <Plus />
                      {t('helpAuthoring.list.new')}
                    </Link>
                  </Button>
                }
              />
            )
          ) : (
            <Card className="py-0">
              <Table data-testid="help-articles">
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('helpAuthoring.list.article')}</TableHead>
                    <TableHead>{t('helpAuthoring.list.category')}</TableHead>
                    <TableHead>{t('helpAuthoring.list.status')}</TableHead>
                    <TableHead>{t('helpAuthoring.list.updated')}</TableHead>
                    <TableHead className="text-right">{t('helpAuthoring.list.helpful')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.map((a) => {
                    const primary = (locale === 'en' ? a.titleEn : a.titleZh) ?? a.titleZh ?? a.titleEn ?? a.slug;
                    const secondary = locale === 'en' ? a.titleZh : a.titleEn;
                    return (
                      <TableRow key={a.id} data-testid={`article-row-${a.slug}`}>
                        <TableCell className="max-w-md min-w-56 whitespace-normal">
                          <Link
                            href={`${basePath}/${a.id}`}
                            className="font-medium break-words underline-offset-4 hover:underline"
                          >
                            {primary}
                          </Link>
                          {secondary && secondary !== primary ? (
                            <p className="text-sm break-words text-muted-foreground">{secondary}</p>
                          ) : null}
                          <div className="mt-1 flex flex-wrap items-center gap-1.5">
                            <code className="font-mono text-xs text-muted-foreground">{a.slug}</code>
                            {a.missing.map((l) => (
                              <MissingTranslationBadge key={l} locale={l} t={t} />
                            ))}
                          </div>
                        </TableCell>
                        <TableCell className="text-muted-foreground">{catName(a.category)}</TableCell>
                        <TableCell>
                          <div className="flex flex-wrap items-center gap-1.5">
                            <ArticleStatusBadge status={a.status} t={t} />
                            {a.publishedVersion ? (
                              <span className="text-xs text-muted-foreground tabular-nums">
                                {t('helpAuthoring.versionShort', { number: a.publishedVersion })}
                              </span>
                            ) : null}
                          </div>
                          {a.unpublishedChanges && a.status === 'published' ? (
                            <div className="mt-1">
                              <UnpublishedChangesBadge t={t} />
                            </div>
                          ) : null}
                        </TableCell>
                        <TableCell className="text-sm whitespace-nowrap text-muted-foreground">
                          <span className="tabular-nums">{formatDateTime(a.updatedAt, locale, tz)}</span>
                          {a.updatedBy ? <p className="text-xs">{a.updatedBy}</p> : null}
                        </TableCell>
                        <TableCell className="text-right text-sm whitespace-nowrap tabular-nums">
                          <span className="inline-flex items-center gap-3">
                            <span className="sr-only">
                              {t('helpAuthoring.list.helpfulCounts', { yes: a.helpfulYes, no: a.helpfulNo })}
                            </span>
                            <span className="inline-flex items-center gap-1" aria-hidden="true">
                              <ThumbsUp className="size-3.5 text-muted-foreground" />
                              {a.helpfulYes}
                            </span>
                            <span className="inline-flex items-center gap-1" aria-hidden="true">
                              <ThumbsDown className="size-3.5 text-muted-foreground" />
                              {a.helpfulNo}
                            </span>
                          </span>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Card>
          )}
          <KeysetPager
            basePath={basePath}
            params={filters}
            nextCursor={page.nextCursor}
            hasCursor={!!params.cursor}
            count={page.items.length}
          />
        </>
      )}
    </>
  );
}
