import 'server-only';
import type { Queryable } from '@/db/client';
import type { RealtimeEvent } from '@/lib/realtime/events';
import { publish } from '@/lib/realtime/publish';

/** Tells every instance, on commit, that a chat changed (a message, a status, an offer). */
export async function announceChat(
  tx: Queryable,
  change: Omit<Extract<RealtimeEvent, { type: 'chat' }>, 'type'>,
): Promise<void> {
  await publish(tx, { type: 'chat', ...change });
}
