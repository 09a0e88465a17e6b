import { getRequestContext } from '@/lib/context/request';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { openEventAudience, type EventAudience } from '@/lib/realtime/audience';
import type { RealtimeEvent } from '@/lib/realtime/events';
import { hub } from '@/lib/realtime/hub';
import { SSE_HEADERS, sseWriter } from '@/lib/realtime/sse';

export const dynamic = 'force-dynamic';

/** Keeps proxies from closing an idle stream, and re-checks the session as often. */
const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events: `GET /api/events?u=<user id>`, one stream per browser (the leader tab holds
 * it and shares it with the others, see components/realtime/live-connection.ts). It carries every
 * event the signed-in person may hear, each tagged with its topics; `openEventAudience` decides
 * per event. Events: `change` (something changed), `resync` (events may have been missed: re-read),
 * `end` (signed out or access changed: the browser must not reconnect at once).
 */
export async function GET(request: Request) {
  let audience: EventAudience;
  try {
    audience = await openEventAudience({
      ctx: await getRequestContext(),
      input: { userId: new URL(request.url).searchParams.get('u') },
    });
  } catch (err) {
    if (err instanceof UnauthenticatedError) return new Response('Unauthorized', { status: 401 });
    if (err instanceof ForbiddenError) return new Response('Forbidden', { status: 403 });
    throw err;
  }

  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const writer = sseWriter(controller, () => stop());
      const send = writer.send;
      // While an access change is being checked nothing is delivered; a `resync` follows if the
      // stream may go on, so the pages re-read whatever was held back.
      let held = false;
      const end = () => {
        send('event: end\ndata: {}\n\n');
        stop();
        writer.close();
      };
      const recheck = (afterAccessEvent: boolean) => {
        if (afterAccessEvent) held = true;
        audience.recheck().then(
          (ok) => {
            if (!ok) return end();
            if (afterAccessEvent) {
              held = false;
              send('event: resync\ndata: {}\n\n');
            }
          },
          // The session cannot be verified (database trouble): stop rather than deliver unchecked.
          () => end(),
        );
      };
      send('retry: 3000\n: connected\n\n');
      const unsubscribe = hub.subscribe((e: RealtimeEvent) => {
        if (audience.affects(e)) return recheck(true);
        if (held) return;
        const out = audience.admit(e);
        if (out) send(`event: change\ndata: ${JSON.stringify(out)}\n\n`);
      });
      const heartbeat = setInterval(() => {
        send(': ping\n\n');
        recheck(false);
      }, HEARTBEAT_MS);
      stop = () => {
        writer.stop();
        unsubscribe();
        clearInterval(heartbeat);
      };
    },
    cancel() {
      stop();
    },
  });
  request.signal.addEventListener('abort', () => stop());
  return new Response(stream, {
    headers: SSE_HEADERS,
  });
}
