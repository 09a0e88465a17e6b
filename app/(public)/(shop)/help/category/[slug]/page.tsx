import { ChevronRight, FileText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { KeysetPager } from '@/components/data/keyset-pager';
import { EmptyState } from '@/components/ui/empty-state';
import { listHelpTopicArticles } from '@/lib/help/public';
import { getLocale, getT } from '@/lib/i18n/server';
import { HelpBreadcrumbs } from '../../_components/breadcrumbs';
import { HelpSearchForm } from '../../_components/search-form';
import { StillNeedHelp } from '../../_components/still-need-help';
import { helpCategories, helpMetadata, shopName } from '../../_lib/read';

/** The topic and, for the side list, every other topic (only whether it has articles). */
async function categoryOf(slug: string) {
  const categories = await helpCategories(await getLocale(), 0);
  return { category: categories.find((c) => c.slug === slug) ?? null, categories };
}

export async function generateMetadata({ params }: PageProps<'/help/category/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const t = await getT();
  const { category } = await categoryOf(slug);
  if (!category) return { title: t('errors.notFoundTitle'), robots: { index: false, follow: true } };
  return helpMetadata({
    title: t('help.metaPageTitle', { title: category.name, shop: await shopName() }),
    description: category.description || category.name,
    path: `/help/category/${category.slug}`,
  });
}

/** One topic: its articles with what each answers, and the other topics to move on to. */
export default async function HelpCategoryPage({ params, searchParams }: PageProps<'/help/category/[slug]'>) {
  const [{ slug }, query] = [await params, await searchParams];
  const t = await getT();
  const { category, categories } = await categoryOf(slug);
  if (!category) notFound();
  const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
  const articles = await listHelpTopicArticles(await getLocale(), category.id, cursor);
  const others = categories.filter((c) => c.id !== category.id && c.articleCount);
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_20rem] md:items-center">
        <HelpBreadcrumbs trail={[{ label: category.name }]} />
        <HelpSearchForm size="sm" />
      </div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_15rem]">
        <div className="grid min-w-0 content-start gap-6">
          <header className="grid gap-2">
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{category.name}</h1>
            {category.description ? <p className="text-muted-foreground">{category.description}</p> : null}
          </header>
          {articles.items.length ? (
            <ul className="grid gap-3" data-testid="help-category-articles">
              {articles.items.map((a) => (
                <li key={a.slug}>
                  <Link
                    href={`/help/${a.slug}`}
                    className="group flex items-start gap-3 rounded-xl border bg-card p-4 transition-colors hover:border-primary/40 hover:bg-accent/40 sm:p-5"
                  >
                    <FileText aria-hidden className="mt-1 size-4 shrink-0 text-primary" />
                    <span className="grid min-w-0 gap-1">
                      <span className="font-medium group-hover:text-primary">{a.title}</span>
                      {a.description ? <span className="text-sm text-muted-foreground">{a.description}</span> : null}
                    </span>
                    <ChevronRight aria-hidden className="mt-1 ml-auto size-4 shrink-0 text-muted-foreground" />
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState
              icon={<FileText />}
              title={t('help.categoryEmpty')}
              description={t('help.categoryEmptyHint')}
              className="bg-card"
            />
          )}
          <KeysetPager
            basePath={`/help/category/${category.slug}`}
            params={{}}
            nextCursor={articles.nextCursor}
            hasCursor={!!cursor}
            count={articles.items.length}
          />
          <StillNeedHelp />
        </div>
        {others.length ? (
          <aside aria-labelledby="help-other-topics" className="grid content-start gap-3">
            <h2 id="help-other-topics" className="text-sm font-semibold">
              {t('help.otherTopics')}
            </h2>
            <ul className="grid gap-1 text-sm">
              {others.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`/help/category/${c.slug}`}
                    className="block rounded-md px-2 py-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
                  >
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </aside>
        ) : null}
      </div>
    </div>
  );
}
