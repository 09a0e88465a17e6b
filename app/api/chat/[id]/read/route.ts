import { markChatRead } from '@/lib/chat/messages';
import { answer, chatRequest, jsonBody } from '../../_lib/request';

export const dynamic = 'force-dynamic';

/** POST { after } → the reader has seen the chat up to that message. */
export async function POST(request: Request, { params }: RouteContext<'/api/chat/[id]/read'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  return answer(ctx, async () =>
    markChatRead({ ctx, input: { ...(await jsonBody(request)), chatId: id }, visitorToken }),
  );
}
