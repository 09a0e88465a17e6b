import type { Actor } from '@/lib/authz';
import type { RealtimeEvent } from '@/lib/realtime/events';

type Entry = { actor: Actor; until: number };

export type SessionCacheOptions = {
  /** How long a checked session is served without reading it again; 0 turns the cache off. */
  ttlMs: number;
  /** Oldest entries go first beyond this many (one per signed-in browser of this process). */
  maxEntries?: number;
  now?: () => number;
};

/**
 * Checked sessions of this process, so a page does not read its session row on every request (#17:
 * the session join was one of three fixed statements on every desk page).
 *
 * What makes this safe is revocation by notice, not the time limit: every change that ends or
 * alters a session (sign-out, password change, deactivation, a new role, a new language) publishes
 * an `access` event in its transaction, PostgreSQL delivers it to every instance on commit, and
 * `heard()` drops that user's entries. The time limit only bounds a notice lost while the LISTEN
 * connection was down — and each (re)connection empties the cache, so that window is the outage's.
 * Until the first connection is confirmed, every request reads the database.
 */
export class SessionCache {
  private entries = new Map<string, Entry>();
  private listening = false;
  /** Bumped by every notice: a read that started before one must not be cached after it. */
  private epoch = 0;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (sessionId: string) => Promise<Actor | null>,
    private readonly opts: SessionCacheOptions,
  ) {
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** The LISTEN connection is (again) up: anything heard before may have missed a notice. */
  connected(): void {
    this.epoch++;
    this.entries.clear();
    this.listening = true;
  }

  /** The LISTEN connection failed: serve from the database until it is confirmed again. */
  disconnected(): void {
    this.epoch++;
    this.entries.clear();
    this.listening = false;
  }

  heard(event: RealtimeEvent): void {
    if (event.type !== 'access') return;
    this.epoch++;
    for (const [sessionId, entry] of this.entries)
      if (entry.actor.userId === event.userId) this.entries.delete(sessionId);
  }

  get size(): number {
    return this.entries.size;
  }

  async get(sessionId: string): Promise<Actor | null> {
    if (!this.listening || this.opts.ttlMs <= 0) return this.load(sessionId);
    const hit = this.entries.get(sessionId);
    if (hit && hit.until > this.now()) return hit.actor;
    const epoch = this.epoch;
    const actor = await this.load(sessionId);
    if (!actor) this.entries.delete(sessionId);
    else if (epoch === this.epoch) this.remember(sessionId, actor);
    return actor;
  }

  private remember(sessionId: string, actor: Actor) {
    this.entries.delete(sessionId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { actor, until: this.now() + this.opts.ttlMs });
  }
}
