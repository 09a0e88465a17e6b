import { listChatMessages, sendChatMessage } from '@/lib/chat/messages';
import { answer, chatRequest, jsonBody } from '../../_lib/request';

export const dynamic = 'force-dynamic';

/** GET ?after=<id> → the messages after that id (what a reader missed), oldest first. */
export async function GET(request: Request, { params }: RouteContext<'/api/chat/[id]/messages'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  const after = new URL(request.url).searchParams.get('after') ?? 0;
  return answer(ctx, () => listChatMessages({ ctx, input: { chatId: id, after }, visitorToken }));
}

/** POST { body, clientId?, internal? } → 201 { id, duplicate }: stored before it is acknowledged. */
export async function POST(request: Request, { params }: RouteContext<'/api/chat/[id]/messages'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  return answer(
    ctx,
    async () => sendChatMessage({ ctx, input: { ...(await jsonBody(request)), chatId: id }, visitorToken }),
    201,
  );
}
