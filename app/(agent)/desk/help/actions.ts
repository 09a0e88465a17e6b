'use server';

import {
  handlePublishArticle,
  handleSaveArticle,
  handleSaveCategory,
  handleSetArticleStatus,
} from '@/components/help-authoring/action-handlers';
import type { ArticleRef, ArticleSaveInput, CategorySaveInput } from '@/components/help-authoring/types';

/** Thin doors to the shared authoring actions; the lib verbs behind them authorise every call. */

export async function saveHelpArticleAction(input: ArticleSaveInput) {
  return handleSaveArticle(input);
}

export async function publishHelpArticleAction(ref: ArticleRef) {
  return handlePublishArticle(ref);
}

export async function archiveHelpArticleAction(ref: ArticleRef) {
  return handleSetArticleStatus(ref, 'archived');
}

export async function restoreHelpArticleAction(ref: ArticleRef) {
  return handleSetArticleStatus(ref, 'draft');
}

export async function saveHelpCategoryAction(input: CategorySaveInput) {
  return handleSaveCategory(input);
}
