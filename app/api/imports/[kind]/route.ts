import { getRequestContext } from '@/lib/context/request';
import { AppError, NotFoundError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import { IMPORT_OPTIONS, IMPORTERS } from '@/lib/imports/registry';
import { streamImport } from '@/lib/imports/stream';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, type ImportKind } from '@/lib/imports/types';
import { BodyTooLargeError, readBoundedFormData } from '@/lib/security/bounded-body';

export const dynamic = 'force-dynamic';

/**
 * POST a CSV file (multipart field `file`, plus the kind's option checkboxes) to import orders,
 * products, customers or reviews. The response is NDJSON: progress lines
 * `{"rows":…,"imported":…,"updated":…,"skipped":…,"rejected":…}` while it works, then one final line
 * with `done: true`, the import id and the first rejected rows with reasons in the caller's language.
 */
export async function POST(request: Request, { params }: RouteContext<'/api/imports/[kind]'>) {
  const ctx = await getRequestContext();
  const t = await getT();
  const kind = (await params).kind as ImportKind;
  const importer = (IMPORT_KINDS as readonly string[]).includes(kind) ? IMPORTERS[kind] : undefined;
  if (!importer) return errorResponse(new NotFoundError('import'), { t, requestId: ctx.requestId });

  let file: File;
  const options: Record<string, boolean> = {};
  try {
    const form = await readBoundedFormData(request, MAX_IMPORT_BYTES + 64 * 1024);
    const value = form.get('file');
    if (!(value instanceof File) || value.size === 0) throw new AppError('csv_empty');
    if (value.size > MAX_IMPORT_BYTES) throw new BodyTooLargeError(MAX_IMPORT_BYTES);
    file = value;
    for (const o of IMPORT_OPTIONS[kind]) options[o] = ['1', 'on', 'true'].includes(String(form.get(o) ?? ''));
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return Response.json(
        { error: { code: 'csv_too_large', message: t('errors.csv_too_large', { mb: 20 }) } },
        { status: 413 },
      );
    }
    return errorResponse(err instanceof AppError ? err : new AppError('csv_empty'), { t, requestId: ctx.requestId });
  }

  const generator = importer({
    ctx,
    input: { fileName: file.name, body: file.stream() as unknown as AsyncIterable<Uint8Array>, options },
  });
  return streamImport(generator, t, ctx.requestId);
}
