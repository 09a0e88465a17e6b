import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { REALTIME_CHANNEL, type RealtimeEvent } from './events';

/**
 * Queues an event with NOTIFY inside the caller's transaction: PostgreSQL delivers it to every
 * listening app instance only if and when the transaction commits, so no page ever hears about a
 * change that was rolled back.
 */
export async function publish(tx: Queryable, event: RealtimeEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`);
}
