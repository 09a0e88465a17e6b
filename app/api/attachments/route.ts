import { uploadAttachment } from '@/lib/attachments';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/sniff';
import { getRequestContext } from '@/lib/context/request';
import { AppError, ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { BodyTooLargeError, readBoundedFormData } from '@/lib/security/bounded-body';

export const dynamic = 'force-dynamic';

/** 413 with the same body shape as every other refusal, so the upload widget shows the message. */
function tooLarge(t: Translate): Response {
  const message = t('errors.file_too_large');
  return Response.json(
    { error: { code: 'file_too_large', message, fields: { file: ['file_too_large'] } } },
    { status: 413 },
  );
}

/**
 * POST one file (multipart field `file`) for the signed-in user. Answers 201 with
 * `{ id, name, type, size }`; the id is then sent with the request or message it belongs to.
 * The verb checks the content; here we only refuse bodies too large to be one allowed file (counted
 * as they arrive: a chunked upload declares no length).
 */
export async function POST(request: Request) {
  const ctx = await getRequestContext();
  const t = await getT();
  let file: File;
  try {
    const value = (await readBoundedFormData(request, MAX_ATTACHMENT_BYTES + 64 * 1024)).get('file');
    if (!(value instanceof File)) throw new ValidationError({ file: ['file_empty'] }, 'file_empty');
    file = value;
  } catch (err) {
    if (err instanceof BodyTooLargeError) return tooLarge(t);
    return errorResponse(err instanceof AppError ? err : new ValidationError({ file: ['file_empty'] }, 'file_empty'), {
      t,
      requestId: ctx.requestId,
    });
  }
  try {
    const saved = await uploadAttachment({
      ctx,
      input: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    });
    return Response.json(saved, { status: 201 });
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
}
