import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { helpArticles, helpImages } from '@/db/schema';
import { BlobNotFoundError, blobStore } from '@/lib/attachments/storage';
import { logger } from '@/lib/log';

/**
 * The bytes of a help article's image for the public route /help/images/<id>. An image is public
 * only while its article is published: one of a draft or an archived article, an unknown id and a
 * malformed one all read as "not found" (null), so the route never tells them apart.
 */

export type PublicHelpImage = { contentType: string; fileName: string; bytes: Uint8Array };

const ImageId = z.uuid();

export async function getPublicHelpImage(id: unknown): Promise<PublicHelpImage | null> {
  const parsed = ImageId.safeParse(id);
  if (!parsed.success) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      contentType: helpImages.contentType,
      fileName: helpImages.fileName,
      storageKey: helpImages.storageKey,
    })
    .from(helpImages)
    .innerJoin(helpArticles, eq(helpArticles.id, helpImages.articleId))
    .where(and(eq(helpImages.id, parsed.data), eq(helpArticles.status, 'published')));
  // Uploads are checked to be pictures; a row saying otherwise (a tampered database) is not served.
  if (!row || !row.contentType.startsWith('image/')) return null;
  try {
    return { contentType: row.contentType, fileName: row.fileName, bytes: await blobStore().get(row.storageKey) };
  } catch (err) {
    if (!(err instanceof BlobNotFoundError)) throw err;
    // The row outlived its bytes (a lost disk, a partial restore): a missing picture, not an error page.
    logger.warn({ helpImage: { id: parsed.data } }, 'help image bytes missing from the blob store');
    return null;
  }
}
