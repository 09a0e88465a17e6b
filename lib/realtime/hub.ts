import 'server-only';
import { getDbHandle } from '@/db/client';
import { logger } from '@/lib/log';
import { REALTIME_CHANNEL, type RealtimeEvent } from './events';

type Listener = (e: RealtimeEvent) => void;

/**
 * One LISTEN per app process, fanned out to every open event stream of that process. Every
 * instance has its own hub, and PostgreSQL delivers each NOTIFY to all of them, so a change made
 * through any instance reaches browsers connected to any other.
 */
class Hub {
  private listeners = new Set<Listener>();
  private started: Promise<void> | null = null;

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    this.started ??= this.start().catch((err: Error) => {
      this.started = null;
      logger.error({ err: { message: err.message } }, 'realtime listen failed');
    });
    return () => this.listeners.delete(fn);
  }

  private async start() {
    const handle = await getDbHandle();
    await handle.listen(REALTIME_CHANNEL, (payload) => {
      let event: RealtimeEvent;
      try {
        event = JSON.parse(payload) as RealtimeEvent;
      } catch {
        return;
      }
      for (const fn of this.listeners) fn(event);
    });
  }
}

const slot = globalThis as typeof globalThis & { __afterdeskHub?: Hub };
export const hub: Hub = (slot.__afterdeskHub ??= new Hub());
