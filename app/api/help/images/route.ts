import { authorize } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { ValidationError } from '@/lib/errors';
import { MAX_HELP_IMAGE_BYTES, uploadHelpImage } from '@/lib/help/mutations';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { BodyTooLargeError, readBoundedFormData } from '@/lib/security/bounded-body';

export const dynamic = 'force-dynamic';

const MB = Math.round(MAX_HELP_IMAGE_BYTES / 1024 / 1024);

/** A refusal the editor shows as it is: what was wrong with the file, in the author's language. */
function fileError(t: Translate, code: string, status: number): Response {
  const message = t.dynamic(`helpAuthoring.image.errors.${code}`, { mb: MB }, t('helpAuthoring.image.errors.generic'));
  return Response.json({ error: { code, message, fields: { file: [code] } } }, { status });
}

/**
 * POST an image for a help article (multipart: `file`, `articleId`). Answers 201 with
 * `{ id, url, markdown }`, the Markdown being what the editor inserts at the cursor. The verb
 * checks the permission and the content (a text file named .png is refused); the body is read
 * only for a caller who may write articles, and never beyond one image's size.
 */
export async function POST(request: Request) {
  const ctx = await getRequestContext();
  const t = await getT();
  try {
    authorize(ctx.actor, 'manage:help:any');
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
  let file: File;
  let articleId: string;
  try {
    const form = await readBoundedFormData(request, MAX_HELP_IMAGE_BYTES + 64 * 1024);
    const value = form.get('file');
    if (!(value instanceof File) || value.size === 0) return fileError(t, 'file_empty', 422);
    file = value;
    articleId = String(form.get('articleId') ?? '');
  } catch (err) {
    if (err instanceof BodyTooLargeError) return fileError(t, 'file_too_large', 413);
    return fileError(t, 'file_empty', 422);
  }
  try {
    const saved = await uploadHelpImage({
      ctx,
      input: { articleId, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    });
    return Response.json(saved, { status: 201 });
  } catch (err) {
    const code = err instanceof ValidationError ? err.fieldErrors.file?.[0] : undefined;
    if (code) return fileError(t, code, code === 'file_too_large' ? 413 : 422);
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
}
