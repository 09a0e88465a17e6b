import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { pickParams } from '@/components/data/search-params';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { getArticleForEditing, listAuthorCategories } from '@/lib/help/authoring';
import { getVersionDiff, listArticleVersions, type VersionDiffDto } from '@/lib/help/versions';
import { getT } from '@/lib/i18n/server';
import { ArticleEditor } from './article-editor';
import { authorOr404 } from './author-or-404';
import type { HelpAuthoringActions } from './types';
import { VersionHistory } from './version-history';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A help article's editor, new (`id` null) or existing, the same for /desk/help and /admin/help:
 * the working copy in a client form with a live preview, and below it the published versions,
 * with the diff of the one chosen in the URL (`?diff=N`).
 */
export async function HelpArticleEditorPage({
  basePath,
  id,
  searchParams,
  actions,
}: {
  basePath: string;
  id: string | null;
  searchParams: SearchParams;
  actions: HelpAuthoringActions;
}) {
  const ctx = await getRequestContext();
  const t = await getT();
  const { diff } = pickParams(searchParams, ['diff'] as const);
  // A malformed id in the address is a page that does not exist (not a validation error page).
  if (id !== null && !z.uuid().safeParse(id).success) notFound();
  const [categories, article, versions] = await authorOr404(() =>
    Promise.all([
      listAuthorCategories({ ctx }),
      id ? getArticleForEditing({ ctx, input: { id } }) : null,
      id ? listArticleVersions({ ctx, input: { id } }) : [],
    ]),
  );
  let selected: VersionDiffDto | null = null;
  if (article && diff && versions.some((v) => String(v.number) === diff)) {
    selected = await getVersionDiff({ ctx, input: { id: article.id, number: diff } });
  }

  return (
    <>
      <Link
        href={basePath}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t('helpAuthoring.editor.back')}
      </Link>
      <ArticleEditor
        // A new article and each saved one are separate forms: nothing typed carries over by mistake.
        key={article?.id ?? 'new'}
        basePath={basePath}
        article={article}
        categories={categories}
        actions={actions}
        timeZone={env().SHOP_TIMEZONE}
      />
      {article ? (
        <VersionHistory basePath={`${basePath}/${article.id}`} versions={versions} selected={selected} />
      ) : null}
    </>
  );
}
