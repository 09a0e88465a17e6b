import type { ActionResult } from '@/lib/actions';

/** What the editor sends to save: the form's fields, and the version it was loaded at. */
export type ArticleSaveInput = {
  id?: string;
  version?: number;
  /** The slug the article had when loaded (to refresh the old public address after a rename). */
  previousSlug?: string;
  slug: string;
  categoryId: string;
  position: string;
  related: string[];
  titleZh: string;
  descriptionZh: string;
  bodyZh: string;
  titleEn: string;
  descriptionEn: string;
  bodyEn: string;
};

export type ArticleRef = { id: string; version: number };
export type SavedArticle = { id: string; version: number; slug: string };

export type CategorySaveInput = {
  id?: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  position: string;
};

export type SaveCategoryAction = (input: CategorySaveInput) => Promise<ActionResult<{ id: string }>>;

/** The server actions of one area (/desk/help or /admin/help), passed down to the editor. */
export type HelpAuthoringActions = {
  save: (input: ArticleSaveInput) => Promise<ActionResult<SavedArticle>>;
  publish: (ref: ArticleRef) => Promise<ActionResult<SavedArticle>>;
  archive: (ref: ArticleRef) => Promise<ActionResult<SavedArticle>>;
  restore: (ref: ArticleRef) => Promise<ActionResult<SavedArticle>>;
};
