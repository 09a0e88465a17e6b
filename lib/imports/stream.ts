import 'server-only';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import type { Translate } from '@/lib/i18n/translate';
import { reasonOf } from './report';
import type { ImportResult, RejectedRow } from './types';

/** Runs the first step before answering (so a refused caller gets a proper status), then streams. */
export async function streamImport(
  generator: AsyncGenerator<unknown, ImportResult>,
  t: Translate,
  requestId: string | null,
) {
  let first: IteratorResult<unknown, ImportResult>;
  try {
    first = await generator.next();
  } catch (err) {
    return errorResponse(err, { t, requestId });
  }
  const encoder = new TextEncoder();
  const line = (v: unknown) => encoder.encode(`${JSON.stringify(v)}\n`);
  const describe = (r: RejectedRow) => ({ ...r, reason: reasonOf(t, r) });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        let step = first;
        while (!step.done) {
          controller.enqueue(line(step.value));
          step = await generator.next();
        }
        const result = step.value;
        controller.enqueue(line({ ...result, done: true, report: result.report.slice(0, 20).map(describe) }));
      } catch (err) {
        const app = err instanceof AppError ? err : null;
        controller.enqueue(
          line({
            done: true,
            error: app ? t.dynamic(`errors.${app.code}`, app.params, t('errors.generic')) : t('errors.generic'),
          }),
        );
        if (!app) errorResponse(err, { requestId });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
