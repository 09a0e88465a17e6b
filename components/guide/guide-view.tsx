import { ChevronDown } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import type { Guide } from '@/lib/guide/content';
import { getT } from '@/lib/i18n/server';
import { GuideAnchors } from './guide-anchors';
import { GuideSearch, type GuideSearchResult } from './guide-search';

function Contents({ guide, className }: { guide: Guide; className?: string }) {
  return (
    <ol className={className}>
      {guide.toc.map((h) => (
        <li key={h.id}>
          <a
            href={`#${h.id}`}
            className="block rounded-md px-2 py-1 text-muted-foreground outline-none hover:bg-muted hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            {h.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

/**
 * A guide page: its title, a table of contents of the `##` sections (a sticky column on wide
 * screens, a collapsible list on phones) and the rendered Markdown. The HTML comes from
 * `renderMarkdown`, which never passes raw HTML or unsafe links through.
 */
export async function GuideView({
  guide,
  description,
  path,
  search,
}: {
  guide: Guide;
  description: string;
  /** The guide page's own address, where its search form sends the query. */
  path: string;
  search: GuideSearchResult | null;
}) {
  const t = await getT();
  return (
    <>
      <PageHeader title={guide.title} description={description} />
      <GuideSearch path={path} search={search} />
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
        {/* One of the two tables of contents is displayed at a time, so only one is a landmark. */}
        <details data-guide-contents className="group rounded-lg border bg-card text-sm lg:hidden">
          <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-lg px-4 py-3 font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
            {t('guide.contents')}
            <ChevronDown className="size-4 text-muted-foreground transition-transform group-open:rotate-180" />
          </summary>
          <nav aria-label={t('guide.contents')} className="border-t px-2 py-2">
            <Contents guide={guide} className="grid gap-0.5" />
          </nav>
        </details>
        <aside className="hidden lg:block">
          <nav
            aria-label={t('guide.contents')}
            className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto pr-1 text-sm"
          >
            <p className="mb-2 px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {t('guide.contents')}
            </p>
            <Contents guide={guide} className="grid gap-0.5" />
          </nav>
        </aside>
        <article className="prose-help min-w-0" dangerouslySetInnerHTML={{ __html: guide.html }} />
      </div>
      <GuideAnchors />
    </>
  );
}
