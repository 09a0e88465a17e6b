import { getRequestContext } from '@/lib/context/request';
import { exportCustomersCsv } from '@/lib/customers/export';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** GET with the customer list's query string → the matching customers as a streamed CSV download. */
export async function GET(request: Request) {
  const ctx = await getRequestContext();
  const t = await getT();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const generator = exportCustomersCsv({ ctx, input: params });
  let first: IteratorResult<string>;
  try {
    // The permission check and the audit event happen here, before any byte is sent.
    first = await generator.next();
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // A BOM so that Excel opens the UTF-8 file with Chinese text intact.
      controller.enqueue(encoder.encode('\uFEFF'));
      let step = first;
      try {
        while (!step.done) {
          controller.enqueue(encoder.encode(step.value));
          step = await generator.next();
        }
      } catch (err) {
        errorResponse(err, { requestId: ctx.requestId });
        controller.error(err);
        return;
      }
      controller.close();
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="customers-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
