import { signalTyping } from '@/lib/chat/messages';
import { answer, chatRequest } from '../../_lib/request';

export const dynamic = 'force-dynamic';

/** POST → "typing…" shown to the other side for a few seconds. */
export async function POST(_request: Request, { params }: RouteContext<'/api/chat/[id]/typing'>) {
  const { id } = await params;
  const { ctx, visitorToken } = await chatRequest(id);
  return answer(ctx, () => signalTyping({ ctx, input: { chatId: id }, visitorToken }));
}
