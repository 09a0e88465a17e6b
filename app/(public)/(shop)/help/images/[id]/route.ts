import { headers } from 'next/headers';
import { REQUEST_ID_HEADER } from '@/lib/context/headers';
import { getPublicHelpImage, type PublicHelpImage } from '@/lib/help/images';
import { errorResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * A picture in a published help article, for anyone. An image id never changes its bytes (a new
 * upload is a new id), so browsers and shared caches may keep it for good. The type is the one
 * the upload was checked to be, never sniffed again; the bytes are sandboxed if opened directly.
 * Anything else — a draft's or an archived article's image, an unknown or malformed id — is 404.
 */
export async function GET(_request: Request, { params }: RouteContext<'/help/images/[id]'>) {
  const { id } = await params;
  let image: PublicHelpImage | null;
  try {
    image = await getPublicHelpImage(id);
  } catch (err) {
    // The database or the blob store is unreachable: 503 (or a logged 500), never cached.
    return errorResponse(err, { requestId: (await headers()).get(REQUEST_ID_HEADER) });
  }
  if (!image) {
    return new Response('Not found', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.byteLength),
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(image.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'",
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
