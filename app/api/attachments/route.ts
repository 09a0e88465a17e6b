import { uploadAttachment } from '@/lib/attachments';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/sniff';
import { getRequestContext } from '@/lib/context/request';
import { AppError, ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/**
 * POST one file (multipart field `file`) for the signed-in user. Answers 201 with
 * `{ id, name, type, size }`; the id is then sent with the request or message it belongs to.
 * The verb checks the content; here we only refuse bodies too large to be one allowed file.
 */
export async function POST(request: Request) {
  const ctx = await getRequestContext();
  const t = await getT();
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_ATTACHMENT_BYTES + 64 * 1024) return errorResponse(new ValidationError({ file: ['file_too_large'] }, 'file_too_large'), { t });
  let file: File;
  try {
    const value = (await request.formData()).get('file');
    if (!(value instanceof File)) throw new ValidationError({ file: ['file_empty'] }, 'file_empty');
    file = value;
  } catch (err) {
    return errorResponse(err instanceof AppError ? err : new ValidationError({ file: ['file_empty'] }, 'file_empty'), { t, requestId: ctx.requestId });
  }
  try {
    const saved = await uploadAttachment({ ctx, input: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } });
    return Response.json(saved, { status: 201 });
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
}
