import { startChat } from '@/lib/chat/start';
import { answer, chatRequest, jsonBody, rememberVisitorChat } from './_lib/request';

export const dynamic = 'force-dynamic';

/** POST { name?, email?, orderNo?, body? } → 201 { chatId, offeredTo }: starts a chat (visitors get its cookie). */
export async function POST(request: Request) {
  const { ctx, locale } = await chatRequest();
  return answer(
    ctx,
    async () => {
      const started = await startChat({ ctx, input: await jsonBody(request), locale });
      if (started.visitorToken) await rememberVisitorChat(started.chatId, started.visitorToken);
      return { chatId: started.chatId };
    },
    201,
  );
}
