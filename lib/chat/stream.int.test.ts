import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { chats } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { NotFoundError, RateLimitedError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { listChatMessages, sendChatMessage, signalTyping } from './messages';
import { openChatStream } from './stream';

/**
 * A chat's live stream (#14) on PGlite and PostgreSQL: messages arrive as they are sent, and a
 * reader that drops and reconnects with Last-Event-ID gets exactly what it missed — nothing lost,
 * nothing twice. The chat is made directly (active, held by this file's agent) so that the routing
 * tests of chat.int.test.ts and this file never meet.
 */

type SseEvent = { id?: string; event: string; data: string };
let agent: Ctx;
let customer: Ctx;
let otherCustomer: Ctx;
let chatId: string;
let customerUser: { id: string };

/** Reads SSE events from a stream until `until` says enough (or the time runs out). */
function reader(stream: ReadableStream<Uint8Array>) {
  const r = stream.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  const next = async (until: (events: SseEvent[]) => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!until(events)) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out with ${JSON.stringify(events)}`);
      const chunk = await Promise.race([r.read(), new Promise<null>((res) => setTimeout(() => res(null), left))]);
      if (!chunk || chunk.done) continue;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const e: SseEvent = { event: 'message', data: '' };
        let hasData = false;
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            e.data = line.slice(6);
            hasData = true;
          }
        }
        if (hasData) events.push(e);
      }
    }
    return events;
  };
  const bodies = () => events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).body as string);
  return { next, bodies, events, cancel: () => r.cancel() };
}

beforeAll(async () => {
  const agentUser = await createTestUser({ role: 'agent', name: 'Stream Agent' });
  agent = await ctxFor(agentUser);
  const sku = (await createTestProduct()).sku;
  const mine = await orderOfNewCustomer(agent, sku);
  customer = mine.customer;
  customerUser = mine.user;
  ({ customer: otherCustomer } = await orderOfNewCustomer(agent, sku));
  const [c] = await (
    await getDb()
  )
    .insert(chats)
    .values({
      customerId: mine.customerId,
      visitorName: 'Stream Customer',
      visitorEmail: 'stream@example.com',
      status: 'active',
      assigneeId: agentUser.id,
      acceptedAt: new Date(),
    })
    .returning({ id: chats.id });
  chatId = c!.id;
});

describe('the chat stream', () => {
  it('delivers messages as they are sent, and after a dropped connection exactly those missed', async () => {
    await sendChatMessage({ ctx: customer, input: { chatId, body: 'first' } });
    const live = reader(await openChatStream({ ctx: customer, chatId, after: 0 }));
    await live.next((ev) => ev.some((e) => e.event === 'state'));
    expect(live.bodies()).toEqual(['first']);

    await sendChatMessage({ ctx: agent, input: { chatId, body: 'second' } });
    await live.next(() => live.bodies().length === 2);
    expect(live.bodies()).toEqual(['first', 'second']);
    const lastSeen = Number(live.events.filter((e) => e.event === 'message').at(-1)!.id);

    // The network drops; meanwhile three messages are sent, one of them a note the customer never sees.
    await live.cancel();
    await sendChatMessage({ ctx: agent, input: { chatId, body: 'third' } });
    await sendChatMessage({ ctx: agent, input: { chatId, body: 'for colleagues', internal: true } });
    await sendChatMessage({ ctx: customer, input: { chatId, body: 'fourth' } });

    const resumed = reader(await openChatStream({ ctx: customer, chatId, after: lastSeen }));
    await resumed.next(() => resumed.bodies().length >= 2);
    await sendChatMessage({ ctx: agent, input: { chatId, body: 'fifth' } });
    await resumed.next(() => resumed.bodies().includes('fifth'));
    // A moment more: nothing arrives twice.
    await new Promise((r) => setTimeout(r, 200));
    expect(resumed.bodies()).toEqual(['third', 'fourth', 'fifth']);
    const ids = resumed.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(lastSeen);

    // The agent's stream shows the note, and the customer's typing.
    const staff = reader(await openChatStream({ ctx: agent, chatId, after: lastSeen }));
    await staff.next(() => staff.bodies().length >= 4);
    expect(staff.bodies()).toContain('for colleagues');
    await signalTyping({ ctx: customer, input: { chatId } });
    await staff.next((ev) => ev.some((e) => e.event === 'typing'));
    await Promise.all([resumed.cancel(), staff.cancel()]);
  });

  it('opens for nobody else: another customer, the anonymous, a wrong visitor token', async () => {
    await expect(openChatStream({ ctx: otherCustomer, chatId, after: 0 })).rejects.toThrow(NotFoundError);
    await expect(openChatStream({ ctx: anonymousCtx(), chatId, after: 0 })).rejects.toThrow(UnauthenticatedError);
    await expect(
      openChatStream({ ctx: anonymousCtx(), chatId, after: 0, visitorToken: 'not-the-token' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses a flood of messages with 429 and stores none of the refused', async () => {
    const flooder = await ctxFor(customerUser);
    const before = (await listChatMessages({ ctx: agent, input: { chatId } })).messages.length;
    for (let i = 0; i < 30; i++) await sendChatMessage({ ctx: flooder, input: { chatId, body: `spam ${i}` } });
    await expect(sendChatMessage({ ctx: flooder, input: { chatId, body: 'one too many' } })).rejects.toThrow(
      RateLimitedError,
    );
    const after = (await listChatMessages({ ctx: agent, input: { chatId } })).messages;
    expect(after.length).toBe(before + 30);
    expect(after.map((m) => m.body)).not.toContain('one too many');
  });
});
