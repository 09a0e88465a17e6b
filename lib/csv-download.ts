import 'server-only';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { shopDate } from '@/lib/returns/policy-engine';
import { errorResponse } from '@/lib/http';
import type { Translate } from '@/lib/i18n/translate';

/**
 * A CSV export as a streamed download. The generator's first step runs before the response is
 * answered — that is where the verb authorises, validates and records its audit event — so a
 * refused caller gets a proper status and message, never a broken file. A BOM goes first, so that
 * Excel opens the UTF-8 file with Chinese text intact.
 */
export async function csvDownload(
  generator: AsyncGenerator<string>,
  opts: { ctx: Ctx; t: Translate; name: string },
): Promise<Response> {
  let first: IteratorResult<string>;
  try {
    first = await generator.next();
  } catch (err) {
    return errorResponse(err, { t: opts.t, requestId: opts.ctx.requestId });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode('\uFEFF'));
      let step = first;
      try {
        while (!step.done) {
          controller.enqueue(encoder.encode(step.value));
          step = await generator.next();
        }
      } catch (err) {
        errorResponse(err, { requestId: opts.ctx.requestId });
        controller.error(err);
        return;
      }
      controller.close();
    },
  });
  // The shop's date: an export made at 01:00 in Shanghai is named after that day, not the UTC one.
  const stamp = shopDate(new Date(), env().SHOP_TIMEZONE);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${opts.name}-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
