import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { helpArticles, helpArticleVersions, helpCategories, helpImages, helpSlugRedirects } from '@/db/schema';
import { transaction } from '@/db/tx';
import { checkFile } from '@/lib/attachments/sniff';
import { blobStore } from '@/lib/attachments/storage';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { ConflictError, expectVersion, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { indexPublishedInTx } from './index-article';
import { announceHelpChange } from './page-cache-feed';
import { ArticleRefInput, SaveArticleInput, SaveCategoryInput } from './schemas';

/**
 * Authoring verbs of the help center (#13): supervisors and admins (`manage:help:any`) write the
 * working copy, publish it as a numbered version, archive and restore. Readers only ever see a
 * published version, so saving a live article changes nothing public until the next publish.
 */

const ARTICLE_FIELDS = ['titleZh', 'descriptionZh', 'bodyZh', 'titleEn', 'descriptionEn', 'bodyEn'] as const;

async function lockArticle(tx: Tx, id: string) {
  const [row] = await tx.select().from(helpArticles).where(eq(helpArticles.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

export async function saveArticle({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = authorize(ctx.actor, 'manage:help:any');
  const data = parseInput(SaveArticleInput, input);
  return transaction(async (tx) => {
    const [category] = await tx
      .select({ id: helpCategories.id })
      .from(helpCategories)
      .where(eq(helpCategories.id, data.categoryId));
    if (!category) throw new ValidationError({ categoryId: ['not_found'] });
    const [taken] = await tx
      .select({ id: helpArticles.id })
      .from(helpArticles)
      .where(and(eq(helpArticles.slug, data.slug), data.id ? ne(helpArticles.id, data.id) : sql`true`));
    if (taken) throw new ValidationError({ slug: ['slug_taken'] });
    const related = data.related.filter((s) => s !== data.slug);
    // Whoever takes a slug owns it: an old address of another article stops redirecting.
    await tx.delete(helpSlugRedirects).where(eq(helpSlugRedirects.slug, data.slug));
    const values = {
      slug: data.slug,
      categoryId: data.categoryId,
      position: data.position,
      related,
      ...Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, data[f]])),
    };

    if (!data.id) {
      const [row] = await tx
        .insert(helpArticles)
        .values({ ...values, createdBy: actor.userId, updatedBy: actor.userId })
        .returning({ id: helpArticles.id, version: helpArticles.version, slug: helpArticles.slug });
      await announceHelpChange(tx);
      await recordAudit(tx, ctx, {
        action: 'help.article.created',
        entityType: 'help_article',
        entityId: row!.id,
        after: { slug: data.slug, titleZh: data.titleZh, titleEn: data.titleEn },
      });
      return row!;
    }

    const before = await lockArticle(tx, data.id);
    expectVersion(before.version, data.version);
    // Readers may have the old address (a live article): it keeps working as a redirect.
    if (before.slug !== data.slug && before.publishedVersion !== null)
      await tx
        .insert(helpSlugRedirects)
        .values({ slug: before.slug, articleId: data.id })
        .onConflictDoUpdate({ target: helpSlugRedirects.slug, set: { articleId: data.id, createdAt: sql`now()` } });
    const [row] = await tx
      .update(helpArticles)
      .set({
        ...values,
        unpublishedChanges: true,
        version: sql`${helpArticles.version} + 1`,
        updatedBy: actor.userId,
        updatedAt: sql`now()`,
      })
      .where(eq(helpArticles.id, data.id))
      .returning({ id: helpArticles.id, version: helpArticles.version, slug: helpArticles.slug });
    // The audit keeps which fields changed, not the article bodies (those live in the versions).
    const changed = ARTICLE_FIELDS.filter((f) => (before[f] ?? null) !== (data[f] ?? null));
    await announceHelpChange(tx);
    await recordAudit(tx, ctx, {
      action: 'help.article.updated',
      entityType: 'help_article',
      entityId: data.id,
      before: { slug: before.slug, categoryId: before.categoryId },
      after: { slug: data.slug, categoryId: data.categoryId, ...(changed.length ? { changedFields: changed } : {}) },
    });
    return row!;
  });
}

/** Makes the working copy the version readers see, kept as version N+1 with who and when. */
export async function publishArticle({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = authorize(ctx.actor, 'manage:help:any');
  const data = parseInput(ArticleRefInput, input);
  return transaction(async (tx) => {
    const article = await lockArticle(tx, data.id);
    expectVersion(article.version, data.version);
    if (article.status === 'published' && !article.unpublishedChanges) throw new ConflictError('nothing_to_publish');
    if (!article.titleZh && !article.titleEn) throw new ValidationError({ titleZh: ['one_language_required'] });
    const number = (article.publishedVersion ?? 0) + 1;
    // Numbers continue after the highest ever published, even if an archive came in between.
    const [{ max } = { max: 0 }] = await tx
      .select({ max: sql<number>`coalesce(max(${helpArticleVersions.number}), 0)::int` })
      .from(helpArticleVersions)
      .where(eq(helpArticleVersions.articleId, article.id));
    const next = Math.max(number, Number(max) + 1);
    await tx.insert(helpArticleVersions).values({
      articleId: article.id,
      number: next,
      ...Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, article[f]])),
      publishedBy: actor.userId,
    });
    const [row] = await tx
      .update(helpArticles)
      .set({
        status: 'published',
        publishedVersion: next,
        unpublishedChanges: false,
        publishedAt: sql`now()`,
        version: sql`${helpArticles.version} + 1`,
        updatedBy: actor.userId,
        updatedAt: sql`now()`,
      })
      .where(eq(helpArticles.id, article.id))
      .returning({ id: helpArticles.id, version: helpArticles.version, slug: helpArticles.slug });
    await indexPublishedInTx(tx, article.id);
    await announceHelpChange(tx);
    await recordAudit(tx, ctx, {
      action: 'help.article.published',
      entityType: 'help_article',
      entityId: article.id,
      before: { status: article.status, publishedVersion: article.publishedVersion },
      after: { status: 'published', publishedVersion: next },
    });
    return { ...row!, publishedVersion: next };
  });
}

/** Takes an article off the public site (its page answers 404) and out of search; history stays. */
export async function archiveArticle({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'manage:help:any');
  const data = parseInput(ArticleRefInput, input);
  return setStatus(ctx, data, 'archived');
}

/** Brings an archived article back as a draft; it goes public again on the next publish. */
export async function restoreArticle({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'manage:help:any');
  const data = parseInput(ArticleRefInput, input);
  return setStatus(ctx, data, 'draft');
}

async function setStatus(ctx: Ctx, data: { id: string; version: number }, status: 'archived' | 'draft') {
  return transaction(async (tx) => {
    const article = await lockArticle(tx, data.id);
    expectVersion(article.version, data.version);
    if (status === 'draft' && article.status !== 'archived') throw new ConflictError('not_archived');
    if (status === 'archived' && article.status === 'archived') throw new ConflictError('already_archived');
    const [row] = await tx
      .update(helpArticles)
      .set({
        status,
        // A restored article must be published again before readers see it.
        unpublishedChanges: true,
        version: sql`${helpArticles.version} + 1`,
        updatedBy: ctx.actor!.userId,
        updatedAt: sql`now()`,
      })
      .where(eq(helpArticles.id, data.id))
      .returning({ id: helpArticles.id, version: helpArticles.version, slug: helpArticles.slug });
    await indexPublishedInTx(tx, article.id);
    await announceHelpChange(tx);
    await recordAudit(tx, ctx, {
      action: status === 'archived' ? 'help.article.archived' : 'help.article.restored',
      entityType: 'help_article',
      entityId: article.id,
      before: { status: article.status },
      after: { status },
    });
    return row!;
  });
}

/**
 * Creates a category or renames one (both languages, its slug, its place in the list). The public
 * help center lists categories from this table, so a rename shows on its next render.
 */
export async function saveCategory({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'manage:help:any');
  const data = parseInput(SaveCategoryInput, input);
  return transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: helpCategories.id })
      .from(helpCategories)
      .where(and(eq(helpCategories.slug, data.slug), data.id ? ne(helpCategories.id, data.id) : sql`true`));
    if (taken) throw new ValidationError({ slug: ['slug_taken'] });
    const { id, ...values } = data;
    if (!id) {
      const [row] = await tx.insert(helpCategories).values(values).returning({ id: helpCategories.id });
      await announceHelpChange(tx);
      await recordAudit(tx, ctx, {
        action: 'help.category.created',
        entityType: 'help_category',
        entityId: row!.id,
        after: { slug: data.slug, nameZh: data.nameZh, nameEn: data.nameEn },
      });
      return row!;
    }
    const [before] = await tx.select().from(helpCategories).where(eq(helpCategories.id, id)).for('update');
    if (!before) throw new NotFoundError();
    await tx.update(helpCategories).set(values).where(eq(helpCategories.id, id));
    await announceHelpChange(tx);
    await recordAudit(tx, ctx, {
      action: 'help.category.updated',
      entityType: 'help_category',
      entityId: id,
      before: { slug: before.slug, nameZh: before.nameZh, nameEn: before.nameEn, position: before.position },
      after: { slug: data.slug, nameZh: data.nameZh, nameEn: data.nameEn, position: data.position },
    });
    return { id };
  });
}

/** Help images must be pictures; a help article is public, so nothing else may hide in one. */
export const MAX_HELP_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * Stores an image for an article through the blob store (local disk or S3) and returns the
 * Markdown to insert. The content decides the type, as for case attachments.
 */
export async function uploadHelpImage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { articleId: string; name: string; bytes: Uint8Array };
}): Promise<{ id: string; url: string; markdown: string }> {
  const actor = authorize(ctx.actor, 'manage:help:any');
  const { id: articleId } = parseInput(ArticleRefInput.pick({ id: true }), { id: input.articleId });
  if (input.bytes.byteLength > MAX_HELP_IMAGE_BYTES) throw new ValidationError({ file: ['file_too_large'] });
  const check = checkFile(input.name, input.bytes);
  if (!check.ok) throw new ValidationError({ file: [check.code] }, check.code);
  if (!check.type.startsWith('image/')) throw new ValidationError({ file: ['image_required'] });
  const store = blobStore();
  const storageKey = await store.put(input.bytes);
  try {
    return await transaction(async (tx) => {
      await lockArticle(tx, articleId);
      const [row] = await tx
        .insert(helpImages)
        .values({
          articleId,
          fileName: check.name,
          contentType: check.type,
          sizeBytes: input.bytes.byteLength,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          storageKey,
          uploadedBy: actor.userId,
        })
        .returning({ id: helpImages.id });
      await recordAudit(tx, ctx, {
        action: 'help.image.uploaded',
        entityType: 'help_article',
        entityId: articleId,
        after: { image: row!.id, fileName: check.name },
      });
      const url = `/help/images/${row!.id}`;
      const alt = check.name.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]]/g, '');
      return { id: row!.id, url, markdown: `![${alt}](${url})` };
    });
  } catch (error) {
    await store.delete(storageKey).catch(() => {});
    throw error;
  }
}
