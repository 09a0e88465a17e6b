import { openChatStream } from '@/lib/chat/stream';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import { SSE_HEADERS } from '@/lib/realtime/sse';
import { chatRequest } from '../../_lib/request';

export const dynamic = 'force-dynamic';

/**
 * GET (Server-Sent Events) → one chat's messages, state and typing, live (lib/chat/stream.ts). A
 * reconnecting EventSource sends Last-Event-ID and gets exactly what it missed; a first
 * connection may say where to start with ?after=<id>.
 */
export async function GET(request: Request, { params }: RouteContext<'/api/chat/[id]/events'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  const resumeFrom = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? '0';
  const after = /^\d{1,15}$/.test(resumeFrom) ? Number(resumeFrom) : 0;
  try {
    const stream = await openChatStream({ ctx, chatId: id, after, visitorToken, signal: request.signal });
    return new Response(stream, { headers: SSE_HEADERS });
  } catch (err) {
    return errorResponse(err, { t: await getT(), requestId: ctx.requestId });
  }
}
