import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { helpArticleFeedback, helpCategories } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, auditFor, createTestUser, ctxFor } from '@/test/factories';
import { getArticleForEditing, listArticlesForAuthors, listAuthorCategories } from './authoring';
import { listLowRatedArticles } from './low-rated';
import {
  archiveArticle,
  publishArticle,
  restoreArticle,
  saveArticle,
  saveCategory,
  uploadHelpImage,
} from './mutations';
import { getPublishedArticle, redirectedSlug } from './public';
import { getVersionDiff, listArticleVersions } from './versions';
import { searchDocuments } from './search';

/**
 * Authoring the help center (#13) through the real verbs and reads, on PGlite and on a shared
 * PostgreSQL: every article here has a slug of its own, and lists are filtered down to it.
 */

const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const tag = () => randomUUID().slice(0, 8);
let supervisor: Ctx;
let categoryId: string;

beforeAll(async () => {
  supervisor = await ctxFor(await createTestUser({ role: 'supervisor', name: 'Author Supervisor' }));
  const db = await getDb();
  const slug = `test-cat-${tag()}`;
  const [c] = await db
    .insert(helpCategories)
    .values({ slug, nameZh: '测试分类', nameEn: 'Test category', position: 99 })
    .returning({ id: helpCategories.id });
  categoryId = c!.id;
});

/** A complete article input with a unique slug; the word `word` makes it findable by search. */
function draft(word: string, over: Record<string, unknown> = {}) {
  return {
    slug: `auth-${tag()}`,
    categoryId,
    titleZh: `退货须知 ${word}`,
    descriptionZh: '简短说明',
    bodyZh: `## 步骤\n\n第一步：打开订单。\n\n${word}\n`,
    titleEn: `Return notes ${word}`,
    descriptionEn: 'Short description',
    bodyEn: `## Steps\n\nFirst, open the order.\n\n${word}\n`,
    ...over,
  };
}

async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fieldErrors;
}

describe('help authoring: who may', () => {
  it('refuses agents, customers and anonymous callers every verb and read', async () => {
    const article = await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`) });
    const ref = { id: article.id, version: article.version };
    const callers: [string, Ctx, typeof ForbiddenError | typeof UnauthenticatedError][] = [
      ['agent', await ctxFor(await createTestUser({ role: 'agent' })), ForbiddenError],
      ['customer', await ctxFor(await createTestUser({ role: 'customer' })), ForbiddenError],
      ['anonymous', anonymousCtx(), UnauthenticatedError],
    ];
    for (const [who, ctx, error] of callers) {
      const calls: [string, () => Promise<unknown>][] = [
        ['saveArticle', () => saveArticle({ ctx, input: draft('x') })],
        ['saveArticle (edit)', () => saveArticle({ ctx, input: { ...draft('x'), ...ref } })],
        ['publishArticle', () => publishArticle({ ctx, input: ref })],
        ['archiveArticle', () => archiveArticle({ ctx, input: ref })],
        ['restoreArticle', () => restoreArticle({ ctx, input: ref })],
        [
          'uploadHelpImage',
          () => uploadHelpImage({ ctx, input: { articleId: article.id, name: 'a.png', bytes: PNG } }),
        ],
        ['listArticlesForAuthors', () => listArticlesForAuthors({ ctx, input: {} })],
        ['listAuthorCategories', () => listAuthorCategories({ ctx })],
        ['getArticleForEditing', () => getArticleForEditing({ ctx, input: { id: article.id } })],
        ['listArticleVersions', () => listArticleVersions({ ctx, input: { id: article.id } })],
        ['getVersionDiff', () => getVersionDiff({ ctx, input: { id: article.id, number: 1 } })],
        ['listLowRatedArticles', () => listLowRatedArticles({ ctx })],
        ['saveCategory', () => saveCategory({ ctx, input: { slug: `c-${tag()}`, nameZh: '分类', nameEn: 'Cat' } })],
      ];
      for (const [name, call] of calls) await expect(call(), `${who}: ${name}`).rejects.toBeInstanceOf(error);
    }
    // Nothing they tried changed the article.
    expect((await getArticleForEditing({ ctx: supervisor, input: { id: article.id } })).version).toBe(article.version);
  });
});

describe('help authoring: the life of an article', () => {
  it('draft → version 1 → edit → version 2, with history, a diff and the public page following', async () => {
    const word = `zq${tag()}`;
    const input = draft(word);
    const created = await saveArticle({ ctx: supervisor, input });
    expect(await getPublishedArticle(input.slug, 'en')).toBeNull();

    const categories = await listAuthorCategories({ ctx: supervisor });
    expect(categories.find((c) => c.id === categoryId)).toMatchObject({ nameEn: 'Test category' });

    const listed = await listArticlesForAuthors({ ctx: supervisor, input: { q: input.slug } });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      slug: input.slug,
      status: 'draft',
      publishedVersion: null,
      unpublishedChanges: true,
      missing: [],
      updatedBy: 'Author Supervisor',
      helpfulYes: 0,
      helpfulNo: 0,
    });

    const v1 = await publishArticle({ ctx: supervisor, input: { id: created.id, version: created.version } });
    expect(v1.publishedVersion).toBe(1);
    expect((await getPublishedArticle(input.slug, 'en'))?.title).toBe(input.titleEn);

    // Publishing again with nothing changed is refused.
    await expect(publishArticle({ ctx: supervisor, input: { id: v1.id, version: v1.version } })).rejects.toThrow(
      ConflictError,
    );

    const edited = await saveArticle({
      ctx: supervisor,
      input: { ...input, id: v1.id, version: v1.version, titleEn: `Return notes ${word} (updated)` },
    });
    const editing = await getArticleForEditing({ ctx: supervisor, input: { id: edited.id } });
    expect(editing).toMatchObject({ status: 'published', unpublishedChanges: true, publishedVersion: 1 });
    // Readers still see version 1 until the next publish.
    expect(editing.published?.titleEn).toBe(input.titleEn);
    expect((await getPublishedArticle(input.slug, 'en'))?.title).toBe(input.titleEn);

    const v2 = await publishArticle({ ctx: supervisor, input: { id: edited.id, version: edited.version } });
    expect(v2.publishedVersion).toBe(2);
    expect((await getPublishedArticle(input.slug, 'en'))?.title).toBe(`Return notes ${word} (updated)`);

    const versions = await listArticleVersions({ ctx: supervisor, input: { id: created.id } });
    expect(versions.map((v) => [v.number, v.publishedBy, v.current])).toEqual([
      [2, 'Author Supervisor', true],
      [1, 'Author Supervisor', false],
    ]);

    const diff = await getVersionDiff({ ctx: supervisor, input: { id: created.id, number: 2 } });
    expect(diff.previous).toBe(1);
    const [zh, en] = diff.locales;
    expect(zh!.status).toBe('unchanged');
    expect(en!.status).toBe('changed');
    expect(
      en!.title.parts
        .filter((p) => p.op === 'added')
        .map((p) => p.text)
        .join('')
        .trim(),
    ).toBe('(updated)');
    expect(en!.body.changed).toBe(false);
    const first = await getVersionDiff({ ctx: supervisor, input: { id: created.id, number: 1 } });
    expect(first.previous).toBeNull();
    expect(first.locales.map((l) => l.status)).toEqual(['added', 'added']);

    expect((await auditFor(created.id)).map((e) => e.action)).toEqual([
      'help.article.created',
      'help.article.published',
      'help.article.updated',
      'help.article.published',
    ]);
  });

  it('refuses a stale save and keeps the newer text', async () => {
    const input = draft(`w${tag()}`);
    const a = await saveArticle({ ctx: supervisor, input });
    const newer = await saveArticle({
      ctx: supervisor,
      input: { ...input, id: a.id, version: a.version, titleZh: '新' },
    });
    await expect(
      saveArticle({ ctx: supervisor, input: { ...input, id: a.id, version: a.version, titleZh: '旧' } }),
    ).rejects.toMatchObject({ code: 'stale_version' });
    const row = await getArticleForEditing({ ctx: supervisor, input: { id: a.id } });
    expect(row).toMatchObject({ titleZh: '新', version: newer.version });
  });

  it("keeps a live article's old address as a redirect until another article takes it", async () => {
    const input = draft(`w${tag()}`);
    const a = await saveArticle({ ctx: supervisor, input });
    // A draft never had readers: renaming it leaves nothing behind.
    const renamedDraft = await saveArticle({
      ctx: supervisor,
      input: { ...input, id: a.id, version: a.version, slug: `${input.slug}-d` },
    });
    expect(await redirectedSlug(input.slug)).toBeNull();
    const published = await publishArticle({ ctx: supervisor, input: { id: a.id, version: renamedDraft.version } });
    const moved = await saveArticle({
      ctx: supervisor,
      input: { ...input, id: a.id, version: published.version, slug: `${input.slug}-new` },
    });
    expect(await redirectedSlug(`${input.slug}-d`)).toBe(`${input.slug}-new`);
    expect(await getPublishedArticle(`${input.slug}-new`, 'zh-CN')).toMatchObject({ id: a.id });

    // Another article taking the old address owns it from then on.
    await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`, { slug: `${input.slug}-d` }) });
    expect(await redirectedSlug(`${input.slug}-d`)).toBeNull();
    // An archived article's old addresses lead nowhere, like the article itself.
    const second = await saveArticle({
      ctx: supervisor,
      input: { ...input, id: a.id, version: moved.version, slug: `${input.slug}-2` },
    });
    expect(await redirectedSlug(`${input.slug}-new`)).toBe(`${input.slug}-2`);
    await archiveArticle({ ctx: supervisor, input: { id: a.id, version: second.version } });
    expect(await redirectedSlug(`${input.slug}-new`)).toBeNull();
  });

  it('refuses a slug that is taken, reserved or malformed, and an article in no language', async () => {
    const first = draft(`w${tag()}`);
    await saveArticle({ ctx: supervisor, input: first });
    expect(await fieldErrors(saveArticle({ ctx: supervisor, input: draft('x', { slug: first.slug }) }))).toEqual({
      slug: ['slug_taken'],
    });
    expect((await fieldErrors(saveArticle({ ctx: supervisor, input: draft('x', { slug: 'search' }) }))).slug).toEqual([
      'reserved_slug',
    ]);
    expect(
      (await fieldErrors(saveArticle({ ctx: supervisor, input: draft('x', { slug: 'Bad slug!' }) }))).slug,
    ).toEqual(['invalid_slug']);
    const none = draft('x', { titleZh: '', bodyZh: '', descriptionZh: '', titleEn: '', bodyEn: '', descriptionEn: '' });
    expect((await fieldErrors(saveArticle({ ctx: supervisor, input: none }))).titleZh).toEqual([
      'one_language_required',
    ]);
  });

  it('marks a missing translation in the list', async () => {
    const input = draft(`w${tag()}`, { titleEn: '', descriptionEn: '', bodyEn: '' });
    await saveArticle({ ctx: supervisor, input });
    const [row] = (await listArticlesForAuthors({ ctx: supervisor, input: { q: input.slug } })).items;
    expect(row).toMatchObject({ titleEn: null, missing: ['en'] });
  });

  it('archive takes it off the public site and out of search; restore and publish bring it back', async () => {
    const word = `qx${tag()}`;
    const input = draft(word);
    const a = await saveArticle({ ctx: supervisor, input });
    const p = await publishArticle({ ctx: supervisor, input: { id: a.id, version: a.version } });
    const found = async () =>
      (await searchDocuments({ query: word, source: 'article', locale: 'en', limit: 5 })).hits.some(
        (h) => h.articleId === a.id,
      );
    expect(await found()).toBe(true);

    const archived = await archiveArticle({ ctx: supervisor, input: { id: p.id, version: p.version } });
    expect(await getPublishedArticle(input.slug, 'zh-CN')).toBeNull();
    expect(await getPublishedArticle(input.slug, 'en')).toBeNull();
    expect(await found()).toBe(false);
    await expect(
      archiveArticle({ ctx: supervisor, input: { id: archived.id, version: archived.version } }),
    ).rejects.toMatchObject({ code: 'already_archived' });
    const [listed] = (await listArticlesForAuthors({ ctx: supervisor, input: { q: input.slug, status: 'archived' } }))
      .items;
    expect(listed?.id).toBe(a.id);

    const restored = await restoreArticle({ ctx: supervisor, input: { id: archived.id, version: archived.version } });
    await expect(
      restoreArticle({ ctx: supervisor, input: { id: restored.id, version: restored.version } }),
    ).rejects.toMatchObject({ code: 'not_archived' });
    // Restored is a draft: still not public until published again.
    expect(await getPublishedArticle(input.slug, 'en')).toBeNull();
    const again = await publishArticle({ ctx: supervisor, input: { id: restored.id, version: restored.version } });
    expect(again.publishedVersion).toBe(2);
    expect((await getPublishedArticle(input.slug, 'en'))?.version).toBe(2);
    expect(await found()).toBe(true);
  });
});

describe('help authoring: images', () => {
  it('stores a PNG and refuses a text file named .png', async () => {
    const a = await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`) });
    const image = await uploadHelpImage({
      ctx: supervisor,
      input: { articleId: a.id, name: 'screenshot.png', bytes: PNG },
    });
    expect(image.markdown).toBe(`![screenshot](/help/images/${image.id})`);
    const editing = await getArticleForEditing({ ctx: supervisor, input: { id: a.id } });
    expect(editing.images.map((i) => i.id)).toEqual([image.id]);

    const fake = new TextEncoder().encode('just some text, not a picture');
    expect(
      await fieldErrors(
        uploadHelpImage({ ctx: supervisor, input: { articleId: a.id, name: 'fake.png', bytes: fake } }),
      ),
    ).toEqual({ file: ['file_type_not_allowed'] });
    expect((await getArticleForEditing({ ctx: supervisor, input: { id: a.id } })).images).toHaveLength(1);
  });
});

describe('help authoring: categories', () => {
  it('a supervisor creates and renames a category, audited; a taken slug is refused', async () => {
    const slug = `cat-${tag()}`;
    const { id } = await saveCategory({ ctx: supervisor, input: { slug, nameZh: '售后', nameEn: 'After-sales' } });
    await saveCategory({
      ctx: supervisor,
      input: { id, slug, nameZh: '售后服务', nameEn: 'After-sales service', position: 3 },
    });
    const listed = (await listAuthorCategories({ ctx: supervisor })).find((c) => c.id === id);
    expect(listed).toMatchObject({ nameZh: '售后服务', nameEn: 'After-sales service', position: 3, articles: 0 });
    await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`, { categoryId: id }) });
    expect((await listAuthorCategories({ ctx: supervisor })).find((c) => c.id === id)?.articles).toBe(1);
    expect((await auditFor(id)).map((e) => e.action)).toEqual(['help.category.created', 'help.category.updated']);
    expect(
      await fieldErrors(saveCategory({ ctx: supervisor, input: { slug, nameZh: '重复', nameEn: 'Duplicate' } })),
    ).toEqual({ slug: ['slug_taken'] });
  });
});

describe('help authoring: low-rated articles', () => {
  it('lists an article with at least 3 answers under 50 % helpful, with the latest reasons', async () => {
    const good = await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`) });
    const bad = await saveArticle({ ctx: supervisor, input: draft(`w${tag()}`) });
    const db = await getDb();
    const answer = (articleId: string, helpful: boolean, over: Record<string, unknown> = {}) => ({
      articleId,
      locale: 'zh-CN',
      helpful,
      ...over,
    });
    await db
      .insert(helpArticleFeedback)
      .values([
        answer(good.id, true),
        answer(good.id, true),
        answer(good.id, false),
        answer(bad.id, true),
        answer(bad.id, false, { missingReason: 'outdated' as const }),
        answer(bad.id, false, { missingReason: 'unclear' as const, comment: '步骤看不懂' }),
      ]);
    const low = await listLowRatedArticles({ ctx: supervisor });
    expect(low.find((l) => l.id === good.id)).toBeUndefined();
    const mine = low.find((l) => l.id === bad.id);
    expect(mine).toMatchObject({ yes: 1, no: 2 });
    expect(mine!.latest.map((l) => l.reason).sort()).toEqual(['outdated', 'unclear']);
    expect(mine!.latest.find((l) => l.reason === 'unclear')?.comment).toBe('步骤看不懂');

    const [row] = (await listArticlesForAuthors({ ctx: supervisor, input: { q: bad.slug } })).items;
    expect(row).toMatchObject({ helpfulYes: 1, helpfulNo: 2 });
  });
});
