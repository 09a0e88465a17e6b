import { getRequestContext } from '@/lib/context/request';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import { BodyTooLargeError, readBoundedFormData } from '@/lib/security/bounded-body';
import { importOrdersCsv, MAX_IMPORT_BYTES, type ImportResult, type RejectedRow } from '@/lib/orders/import';

export const dynamic = 'force-dynamic';

/**
 * POST a CSV file (multipart field `file`). The response is NDJSON: progress lines
 * `{"rows":…,"imported":…,"skipped":…,"rejected":…}` while it works, then one final line with
 * `done: true`, the import id and the first rejected rows with translated reasons.
 */
export async function POST(request: Request) {
  const ctx = await getRequestContext();
  const t = await getT();
  let file: File;
  try {
    const form = await readBoundedFormData(request, MAX_IMPORT_BYTES + 64 * 1024);
    const value = form.get('file');
    if (!(value instanceof File) || value.size === 0) throw new AppError('csv_empty');
    if (value.size > MAX_IMPORT_BYTES) throw new BodyTooLargeError(MAX_IMPORT_BYTES);
    file = value;
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return Response.json({ error: { code: 'csv_too_large', message: t('errors.csv_too_large', { mb: 20 }) } }, { status: 413 });
    }
    return errorResponse(err instanceof AppError ? err : new AppError('csv_empty'), { t, requestId: ctx.requestId });
  }

  const generator = importOrdersCsv({ ctx, input: { fileName: file.name, body: file.stream() as unknown as AsyncIterable<Uint8Array> } });
  // Run the first step before answering, so a refused caller gets a proper status code.
  let first: IteratorResult<unknown>;
  try {
    first = await generator.next();
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
  const encoder = new TextEncoder();
  const line = (v: unknown) => encoder.encode(`${JSON.stringify(v)}\n`);
  const describe = (r: RejectedRow) => ({
    ...r,
    reason: t.dynamic(`validation.${r.code}`, undefined, t.dynamic(`errors.${r.code}`, undefined, r.code)),
  });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        let step = first;
        while (!step.done) {
          controller.enqueue(line(step.value));
          step = await generator.next();
        }
        const result = step.value as ImportResult;
        controller.enqueue(line({ ...result, done: true, report: result.report.slice(0, 20).map(describe) }));
      } catch (err) {
        const app = err instanceof AppError ? err : null;
        controller.enqueue(line({ done: true, error: app ? t.dynamic(`errors.${app.code}`, app.params, t('errors.generic')) : t('errors.generic') }));
        if (!app) errorResponse(err, { requestId: ctx.requestId });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' } });
}
