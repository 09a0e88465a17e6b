import 'server-only';
import { getDbHandle } from '@/db/client';
import { logger } from '@/lib/log';
import { REALTIME_CHANNEL, type RealtimeEvent } from './events';

type Listener = (e: RealtimeEvent) => void;
/** Told when the LISTEN is in place (again), and when it could not be set up. */
export type ConnectionWatcher = { connected(): void; disconnected(): void };

/**
 * One LISTEN per app process, fanned out to every open event stream of that process. Every
 * instance has its own hub, and PostgreSQL delivers each NOTIFY to all of them, so a change made
 * through any instance reaches browsers connected to any other.
 */
class Hub {
  private listeners = new Set<Listener>();
  private watchers = new Set<ConnectionWatcher>();
  private started: Promise<void> | null = null;
  private live = false;

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    this.ensureStarted();
    return () => this.listeners.delete(fn);
  }

  /** For caches kept valid by notices: they may trust what they hold only while this is live. */
  watchConnection(watcher: ConnectionWatcher): void {
    this.watchers.add(watcher);
    if (this.live) watcher.connected();
    this.ensureStarted();
  }

  /** Starts listening if not yet, or again after a failed start. */
  ensureStarted(): void {
    this.started ??= this.start().catch((err: Error) => {
      this.started = null;
      this.live = false;
      for (const w of this.watchers) w.disconnected();
      logger.error({ err: { message: err.message } }, 'realtime listen failed');
    });
  }

  private async start() {
    const handle = await getDbHandle();
    await handle.listen(
      REALTIME_CHANNEL,
      (payload) => {
        let event: RealtimeEvent;
        try {
          event = JSON.parse(payload) as RealtimeEvent;
        } catch {
          return;
        }
        for (const fn of this.listeners) fn(event);
      },
      () => {
        this.live = true;
        for (const w of this.watchers) w.connected();
      },
    );
  }
}

const slot = globalThis as typeof globalThis & { __afterdeskHub?: Hub };
export const hub: Hub = (slot.__afterdeskHub ??= new Hub());
