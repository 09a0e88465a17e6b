import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { helpCategories } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { resetEnvCache } from '@/lib/env';
import { createTestUser, ctxFor } from '@/test/factories';
import { getPublicHelpImage } from './images';
import { archiveArticle, publishArticle, restoreArticle, saveArticle, uploadHelpImage } from './mutations';
import { getPublishedArticle } from './public';

/**
 * What /help/images/<id> serves: an article's picture while the article is published, and nothing
 * for a draft, an archived article, an unknown or a malformed id.
 */

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let author: Ctx;
let categoryId: string;
let dir: string;
const previousDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-help-images-'));
  process.env.DATA_DIR = dir;
  resetEnvCache();
  author = await ctxFor(await createTestUser({ role: 'supervisor' }));
  const db = await getDb();
  const [cat] = await db
    .insert(helpCategories)
    .values({ slug: `images-${randomUUID().slice(0, 8)}`, nameZh: '图片测试', nameEn: 'Image test' })
    .returning({ id: helpCategories.id });
  categoryId = cat!.id;
});

afterAll(() => {
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function draftWithImage() {
  const slug = `image-test-${randomUUID().slice(0, 8)}`;
  const saved = await saveArticle({
    ctx: author,
    input: { slug, categoryId, titleZh: '带图的文章', bodyZh: '正文' },
  });
  const image = await uploadHelpImage({
    ctx: author,
    input: { articleId: saved.id, name: '截图.png', bytes: PNG },
  });
  return { slug, id: saved.id, version: saved.version, imageId: image.id };
}

describe('public help images', () => {
  it('are served while their article is published, and not while it is a draft or archived', async () => {
    const a = await draftWithImage();
    expect(await getPublicHelpImage(a.imageId)).toBeNull();
    expect(await getPublishedArticle(a.slug, 'zh-CN')).toBeNull();

    const published = await publishArticle({ ctx: author, input: { id: a.id, version: a.version } });
    const image = await getPublicHelpImage(a.imageId);
    expect(image).toMatchObject({ contentType: 'image/png', fileName: '截图.png' });
    expect([...image!.bytes]).toEqual([...PNG]);
    expect(await getPublishedArticle(a.slug, 'zh-CN')).toMatchObject({ title: '带图的文章', version: 1 });

    const archived = await archiveArticle({ ctx: author, input: { id: a.id, version: published.version } });
    expect(await getPublicHelpImage(a.imageId)).toBeNull();
    expect(await getPublishedArticle(a.slug, 'zh-CN')).toBeNull();

    // Restored, it is a draft again until the next publish.
    await restoreArticle({ ctx: author, input: { id: a.id, version: archived.version } });
    expect(await getPublicHelpImage(a.imageId)).toBeNull();
  });

  it('are not found for an unknown id or one that is no id at all', async () => {
    expect(await getPublicHelpImage(randomUUID())).toBeNull();
    expect(await getPublicHelpImage('not-a-uuid')).toBeNull();
    expect(await getPublicHelpImage("1' or '1'='1")).toBeNull();
    expect(await getPublicHelpImage(undefined)).toBeNull();
  });
});
