import { endChat } from '@/lib/chat/handling';
import { answer, chatRequest } from '../../_lib/request';

export const dynamic = 'force-dynamic';

/** POST → ends the chat (the customer leaving, or the agent holding it). */
export async function POST(_request: Request, { params }: RouteContext<'/api/chat/[id]/end'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  return answer(ctx, () => endChat({ ctx, input: { chatId: id }, visitorToken }));
}
