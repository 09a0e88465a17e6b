import 'server-only';
import { can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import type { RealtimeEvent } from '@/lib/realtime/events';
import { hub } from '@/lib/realtime/hub';
import { sseWriter } from '@/lib/realtime/sse';
import { listChatMessages, type ChatMessagesPage } from './messages';

/** Keeps proxies from closing an idle stream, and re-checks access as often. */
const HEARTBEAT_MS = 25_000;

/**
 * One chat's live stream (#14), Server-Sent Events: every message as `event: message` with its
 * id as the SSE id, the chat's status and the other side's read mark as `event: state`, typing as
 * `event: typing`. A client that reconnects sends Last-Event-ID and gets exactly the messages
 * after it: the stream reads the messages table (the truth), and notices only wake it up — so a
 * notice lost, doubled or early changes nothing, and no message is sent twice on one stream.
 *
 * The first read authorises (another customer's chat is "not found" before any byte is sent);
 * each later read authorises again, so a chat the reader lost access to (transferred away from an
 * agent, a session ended) stops at its next notice or heartbeat.
 */
export async function openChatStream({
  ctx,
  chatId,
  after,
  visitorToken,
  signal,
}: {
  ctx: Ctx;
  chatId: string;
  after: number;
  visitorToken?: string | null;
  signal?: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const read = (from: number) => listChatMessages({ ctx, input: { chatId, after: from }, visitorToken });
  const first = await read(after);
  // Typing is shown to the other side only.
  const staffSide = can(ctx.actor, 'answer:chat:any');
  let stop = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const writer = sseWriter(controller, () => stop());
      const send = writer.send;
      let last = after;
      let state = '';
      let pumping: Promise<void> | null = null;
      let again = false;
      const close = () => {
        stop();
        writer.close();
      };
      const deliver = (page: ChatMessagesPage) => {
        for (const m of page.messages) {
          send(`id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
          last = m.id;
        }
        const now = JSON.stringify({ status: page.status, otherReadId: page.otherReadId });
        if (now !== state) {
          state = now;
          send(`event: state\ndata: ${now}\n\n`);
        }
      };
      // One read at a time, in order; a notice during a read asks for one more read after it.
      const pump = () => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = (async () => {
          do {
            again = false;
            let page: ChatMessagesPage;
            do {
              page = await read(last);
              deliver(page);
            } while (page.more && writer.open);
          } while (again && writer.open);
        })()
          .catch(() => {
            send('event: end\ndata: {}\n\n');
            close();
          })
          .finally(() => {
            pumping = null;
          });
      };

      send('retry: 3000\n: connected\n\n');
      const unsubscribe = hub.subscribe((e: RealtimeEvent) => {
        if (e.type === 'chat' && e.chatId === chatId) pump();
        else if (e.type === 'chat_typing' && e.chatId === chatId && e.staff !== staffSide)
          send(`event: typing\ndata: ${JSON.stringify({ name: e.name })}\n\n`);
        else if (e.type === 'access' && ctx.actor && e.userId === ctx.actor.userId) pump();
      });
      deliver(first);
      // Subscribed only now: one more read catches whatever was committed since the first.
      pump();
      const heartbeat = setInterval(() => {
        send(': ping\n\n');
        pump();
      }, HEARTBEAT_MS);
      heartbeat.unref?.();
      stop = () => {
        writer.stop();
        unsubscribe();
        clearInterval(heartbeat);
      };
      signal?.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    },
  });
}
