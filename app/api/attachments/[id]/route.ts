import { readAttachment } from '@/lib/attachments';
import { getRequestContext } from '@/lib/context/request';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/**
 * The bytes of one attachment, for those allowed to see it (lib/attachments decides). Served with
 * the type the content was checked to be, never sniffed again by the browser, sandboxed where the
 * browser allows (images), and never cached by shared caches.
 */
export async function GET(request: Request, { params }: RouteContext<'/api/attachments/[id]'>) {
  const ctx = await getRequestContext();
  const { id } = await params;
  try {
    const file = await readAttachment({ ctx, input: { id } });
    const download = new URL(request.url).searchParams.get('download') === '1';
    const disposition = `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`;
    return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': file.type,
        'Content-Length': String(file.bytes.byteLength),
        'Content-Disposition': disposition,
        'X-Content-Type-Options': 'nosniff',
        // Images are sandboxed outright; PDFs need the browser's viewer, which a sandbox disables.
        ...(file.type === 'application/pdf'
          ? {}
          : { 'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'" }),
        'Cache-Control': 'private, max-age=3600',
      },
    });
  } catch (err) {
    return errorResponse(err, { t: await getT(), requestId: ctx.requestId });
  }
}
