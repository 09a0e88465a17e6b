import Link from 'next/link';
import type { HelpCategoryDto } from '@/lib/help/public';
import { getT } from '@/lib/i18n/server';

/** Titles a card lists before "View all". */
export const TITLES_PER_CARD = 5;

/**
 * Every topic as a card: its name (the link to the topic's page), what it covers, and its first
 * articles. Topics with no article in the reader's language yet are left out.
 */
export async function CategoryCards({ categories }: { categories: HelpCategoryDto[] }) {
  const t = await getT();
  const shown = categories.filter((c) => c.articleCount);
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="help-categories">
      {shown.map((c) => (
        <li key={c.id} className="flex flex-col gap-3 rounded-xl border bg-card p-5">
          <div className="grid gap-1">
            <h3 className="font-semibold">
              <Link
                href={`/help/category/${c.slug}`}
                className="rounded-sm underline-offset-4 hover:text-primary hover:underline"
              >
                {c.name}
              </Link>
            </h3>
            {c.description ? <p className="text-sm text-muted-foreground">{c.description}</p> : null}
          </div>
          <ul className="grid gap-1.5 text-sm">
            {c.articles.slice(0, TITLES_PER_CARD).map((a) => (
              <li key={a.slug}>
                <Link href={`/help/${a.slug}`} className="text-primary underline-offset-4 hover:underline">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
          {c.articleCount > TITLES_PER_CARD ? (
            <Link
              href={`/help/category/${c.slug}`}
              className="mt-auto text-sm font-medium underline-offset-4 hover:underline"
            >
              {t('help.viewAll', { count: c.articleCount })}
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
