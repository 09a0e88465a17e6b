import 'server-only';
import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions';
import { archiveArticle, publishArticle, restoreArticle, saveArticle, saveCategory } from '@/lib/help/mutations';
import { getT } from '@/lib/i18n/server';
import type { ArticleRef, ArticleSaveInput, CategorySaveInput, SavedArticle } from './types';

/**
 * The authoring server actions, written once for the two places authors work: /desk/help
 * (supervisors) and /admin/help (admins, who have no desk). Each route's actions.ts is a thin
 * 'use server' wrapper around these; the verbs authorise, so a caller without manage:help:any is
 * refused whichever door they use.
 */

const AREAS = ['/desk/help', '/admin/help'];

function revalidateAuthoring(id: string) {
  for (const base of AREAS) {
    revalidatePath(base);
    revalidatePath(`${base}/${id}`);
  }
}

/** The public help center: every page under /help (lists, categories, search) and the article itself. */
function revalidatePublic(...slugs: (string | null | undefined)[]) {
  revalidatePath('/help', 'layout');
  for (const slug of new Set(slugs.filter(Boolean))) revalidatePath(`/help/${slug}`);
}

export async function handleSaveArticle(input: ArticleSaveInput): Promise<ActionResult<SavedArticle>> {
  const t = await getT();
  const { previousSlug, ...data } = input;
  const result = await runAction(
    async (ctx) => {
      const row = await saveArticle({ ctx, input: data });
      return { id: row.id, version: row.version, slug: row.slug };
    },
    () => t('helpAuthoring.editor.saved'),
  );
  if (result.ok) {
    revalidateAuthoring(result.data.id);
    // The address of a live article is its slug: renaming it moves the public page at once.
    if (previousSlug && previousSlug !== result.data.slug) revalidatePublic(previousSlug, result.data.slug);
  }
  return result;
}

export async function handlePublishArticle(ref: ArticleRef): Promise<ActionResult<SavedArticle>> {
  const t = await getT();
  const result = await runAction(
    async (ctx) => {
      const row = await publishArticle({ ctx, input: ref });
      return { id: row.id, version: row.version, slug: row.slug };
    },
    () => t('helpAuthoring.editor.published'),
  );
  if (result.ok) {
    revalidateAuthoring(result.data.id);
    revalidatePublic(result.data.slug);
  }
  return result;
}

export async function handleSetArticleStatus(
  ref: ArticleRef,
  to: 'archived' | 'draft',
): Promise<ActionResult<SavedArticle>> {
  const t = await getT();
  const result = await runAction(
    async (ctx) => {
      const row = await (to === 'archived' ? archiveArticle : restoreArticle)({ ctx, input: ref });
      return { id: row.id, version: row.version, slug: row.slug };
    },
    () => t(to === 'archived' ? 'helpAuthoring.editor.archived' : 'helpAuthoring.editor.restored'),
  );
  if (result.ok) {
    revalidateAuthoring(result.data.id);
    revalidatePublic(result.data.slug);
  }
  return result;
}

export async function handleSaveCategory(input: CategorySaveInput): Promise<ActionResult<{ id: string }>> {
  const t = await getT();
  const result = await runAction(
    async (ctx) => ({ id: (await saveCategory({ ctx, input })).id }),
    () => t(input.id ? 'helpAuthoring.categories.saved' : 'helpAuthoring.categories.created'),
  );
  if (result.ok) {
    for (const base of AREAS) revalidatePath(base);
    // Every public page shows the topics (front page, breadcrumbs, category pages).
    revalidatePublic();
  }
  return result;
}
