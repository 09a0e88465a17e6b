import { CalendarDays, Languages, List } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { env } from '@/lib/env';
import type { Heading } from '@/lib/help/markdown';
import { redirectedSlug, relatedArticles, relatedSlugsOf } from '@/lib/help/public';
import { formatDate } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { HelpBreadcrumbs } from '../_components/breadcrumbs';
import { HelpSearchForm } from '../_components/search-form';
import { StillNeedHelp } from '../_components/still-need-help';
import { helpMetadata, publishedArticle, shopName } from '../_lib/read';
import { ArticleFeedback } from './_components/article-feedback';
import { ViewBeacon } from './_components/view-beacon';

/** A table of contents is worth its space from three sections on. */
const TOC_MIN_HEADINGS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata({ params }: PageProps<'/help/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const [t, locale] = [await getT(), await getLocale()];
  const article = await publishedArticle(slug, locale);
  if (!article) return { title: t('errors.notFoundTitle'), robots: { index: false, follow: true } };
  return helpMetadata({
    title: t('help.metaPageTitle', { title: article.title, shop: await shopName() }),
    description: article.description || article.title,
    path: `/help/${article.slug}`,
    type: 'article',
  });
}

/**
 * One published article. Three small reads: the article (its HTML rendered once per version and
 * language, in lib), its hand-picked related slugs, and the shop layout's name; the related list
 * itself is kept per version in lib. The view is counted by a beacon after the page is shown.
 */
export default async function HelpArticlePage({ params, searchParams }: PageProps<'/help/[slug]'>) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const [t, locale] = [await getT(), await getLocale()];
  const article = await publishedArticle(slug, locale);
  if (!article) {
    // An address the article had before its slug was changed: send the reader on, permanently.
    const now = await redirectedSlug(slug);
    if (now) permanentRedirect(`/help/${now}`);
    notFound();
  }
  const related = await relatedArticles(article, await relatedSlugsOf(article.id), locale);
  // The request form links its suggestions as ?from=request&s=<suggestion id>: the view counts for it.
  const fromRequest = query.from === 'request';
  const suggestion = fromRequest && typeof query.s === 'string' && UUID.test(query.s) ? query.s : undefined;
  const toc = article.headings.filter((h) => h.level === 2 || h.level === 3);
  const hasToc = toc.length >= TOC_MIN_HEADINGS;
  const date = formatDate(article.publishedAt, locale, env().SHOP_TIMEZONE);
  // The article's own language, when it differs from the page's (a missing translation).
  const textLang = article.locale === locale ? undefined : article.locale;

  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_20rem] md:items-center">
        <HelpBreadcrumbs
          trail={[
            { label: article.category.name, href: `/help/category/${article.category.slug}` },
            { label: article.title, lang: textLang },
          ]}
        />
        <HelpSearchForm size="sm" />
      </div>
      <div className={hasToc ? 'grid gap-8 lg:grid-cols-[minmax(0,1fr)_15rem]' : 'grid max-w-3xl gap-8'}>
        <div className="grid min-w-0 content-start gap-6">
          {article.missingTranslation ? (
            <Alert variant="warning" data-testid="help-missing-translation">
              <Languages />
              <AlertDescription className="text-card-foreground">{t('help.missingTranslation')}</AlertDescription>
            </Alert>
          ) : null}
          <article
            lang={textLang}
            className="rounded-xl border bg-card px-5 py-6 sm:px-8 sm:py-8"
            data-testid="help-article"
          >
            <header className="mb-6 grid gap-2">
              <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl" data-testid="help-article-title">
                {article.title}
              </h1>
              <p
                lang={textLang ? locale : undefined}
                className="flex items-center gap-1.5 text-sm text-muted-foreground"
              >
                <CalendarDays aria-hidden className="size-4" />
                <time dateTime={article.publishedAt}>
                  {t(article.version > 1 ? 'help.updated' : 'help.published', { date })}
                </time>
              </p>
            </header>
            {hasToc ? (
              <details className="mb-6 rounded-lg border bg-muted/40 lg:hidden" lang={textLang ? locale : undefined}>
                <summary className="flex cursor-pointer items-center gap-2 px-4 py-2.5 text-sm font-medium">
                  <List aria-hidden className="size-4" />
                  {t('help.tocTitle')}
                </summary>
                <div lang={textLang} className="border-t px-4 py-3">
                  <TocList headings={toc} />
                </div>
              </details>
            ) : null}
            <div className="prose-help" dangerouslySetInnerHTML={{ __html: article.html }} />
          </article>
          <ArticleFeedback articleId={article.id} locale={article.locale} />
          {related.length ? (
            <section aria-labelledby="help-related" className="grid gap-3" data-testid="help-related">
              <h2 id="help-related" className="font-semibold">
                {t('help.relatedTitle')}
              </h2>
              <ul className="grid gap-2 sm:grid-cols-2">
                {related.map((r) => (
                  <li key={r.slug}>
                    <Link
                      href={`/help/${r.slug}`}
                      className="flex h-full items-center rounded-lg border bg-card px-4 py-3 text-sm font-medium text-primary transition-colors hover:bg-accent"
                    >
                      {r.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <StillNeedHelp />
        </div>
        {hasToc ? (
          <aside className="hidden lg:block">
            <nav
              aria-labelledby="help-toc-title"
              className="sticky top-6 grid gap-3 rounded-xl border bg-card p-4"
              data-testid="help-toc"
            >
              <h2 id="help-toc-title" className="flex items-center gap-2 text-sm font-semibold">
                <List aria-hidden className="size-4" />
                {t('help.tocTitle')}
              </h2>
              <div lang={textLang}>
                <TocList headings={toc} />
              </div>
            </nav>
          </aside>
        ) : null}
      </div>
      <ViewBeacon
        articleId={article.id}
        locale={article.locale}
        surface={fromRequest ? 'request' : 'help'}
        suggestionId={suggestion}
      />
    </div>
  );
}

function TocList({ headings }: { headings: Heading[] }) {
  return (
    <ol className="grid gap-1.5 text-sm">
      {headings.map((h) => (
        <li key={h.id} className={h.level === 3 ? 'pl-4' : undefined}>
          <a
            href={`#${h.id}`}
            className="block rounded-sm leading-snug text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
          >
            {h.text}
          </a>
        </li>
      ))}
    </ol>
  );
}
