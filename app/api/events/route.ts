import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { getActor } from '@/lib/auth/actor';
import { can } from '@/lib/authz';
import { topicsOf, type RealtimeEvent } from '@/lib/realtime/events';
import { hub } from '@/lib/realtime/hub';

export const dynamic = 'force-dynamic';

const TOPIC = /^(orders|cases|notifications|(order|case):[A-Z0-9-]{1,40})$/;

/**
 * Server-Sent Events: `GET /api/events?topics=orders,order:SO…,cases,case:AS-…`. Staff may follow
 * anything; a customer hears only about orders and cases of the customer records they own (checked per event from the
 * event's customerId, so nothing about other customers' orders ever reaches them).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response('Unauthorized', { status: 401 });
  const topics = new Set(
    (new URL(request.url).searchParams.get('topics') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => TOPIC.test(t))
      .slice(0, 20),
  );
  if (topics.size === 0) return new Response('No valid topics', { status: 400 });

  const staff = can(actor, 'read:order:any');
  if (!staff && !can(actor, 'read:order:own')) return new Response('Not found', { status: 404 });
  let ownCustomers = new Set<string>();
  if (!staff) {
    const db = await getDb();
    const rows = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, actor.userId));
    ownCustomers = new Set(rows.map((r) => r.id));
  }

  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          unsubscribe();
        }
      };
      send('retry: 3000\n: connected\n\n');
      unsubscribe = hub.subscribe((e: RealtimeEvent) => {
        if (e.type === 'notification' ? e.userId !== actor.userId : !staff && !ownCustomers.has(e.customerId)) return;
        if (!topicsOf(e).some((topic) => topics.has(topic))) return;
        const data =
          e.type === 'notification' ? { type: e.type } : { type: e.type, status: e.status, version: e.version };
        send(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
      });
      // Keeps proxies from closing an idle stream.
      heartbeat = setInterval(() => send(': ping\n\n'), 25_000);
    },
    cancel() {
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
  request.signal.addEventListener('abort', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
