import { ChevronRight, FileText, LifeBuoy } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getT } from '@/lib/i18n/server';
import { CategoryCards, TITLES_PER_CARD } from './_components/category-cards';
import { HelpSearchForm } from './_components/search-form';
import { StillNeedHelp } from './_components/still-need-help';
import { helpCategories, helpMetadata, shopName } from './_lib/read';

/** Popular articles: each topic's first (the authors order them), as many as fit two rows. */
const POPULAR = 6;

export async function generateMetadata(): Promise<Metadata> {
  const [t, shop] = [await getT(), await shopName()];
  return helpMetadata({
    title: t('help.metaHomeTitle', { shop }),
    description: t('help.metaHomeDescription', { shop }),
    path: '/help',
  });
}

/** The help center's front page: search first, then the most asked questions, then every topic. */
export default async function HelpHomePage() {
  const [t, locale] = [await getT(), await getLocale()];
  const categories = await helpCategories(locale, TITLES_PER_CARD);
  const popular = categories
    .flatMap((c) => (c.articles[0] ? [{ ...c.articles[0], category: c.name }] : []))
    .slice(0, POPULAR);
  return (
    <div className="grid gap-10">
      <section className="grid justify-items-center gap-5 pt-2 text-center sm:pt-6">
        <span aria-hidden className="flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
          <LifeBuoy className="size-6" />
        </span>
        <div className="grid gap-2">
          <h1 className="text-3xl font-semibold tracking-tight">{t('help.title')}</h1>
          <p className="text-muted-foreground">{t('help.homeLead')}</p>
        </div>
        <HelpSearchForm size="lg" className="max-w-2xl" />
      </section>

      {popular.length ? (
        <section aria-labelledby="help-popular" className="grid gap-4">
          <h2 id="help-popular" className="text-lg font-semibold">
            {t('help.popularTitle')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="help-popular">
            {popular.map((a) => (
              <li key={a.slug}>
                <Link
                  href={`/help/${a.slug}`}
                  className="group flex h-full items-start gap-3 rounded-xl border bg-card p-4 transition-colors hover:border-primary/40 hover:bg-accent/40"
                >
                  <FileText aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                  <span className="grid min-w-0 gap-1">
                    <span className="font-medium group-hover:text-primary">{a.title}</span>
                    <span className="text-xs text-muted-foreground">{a.category}</span>
                  </span>
                  <ChevronRight aria-hidden className="mt-0.5 ml-auto size-4 shrink-0 text-muted-foreground" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="help-topics" className="grid gap-4">
        <h2 id="help-topics" className="text-lg font-semibold">
          {t('help.categoriesTitle')}
        </h2>
        <CategoryCards categories={categories} />
      </section>

      <StillNeedHelp />
    </div>
  );
}
