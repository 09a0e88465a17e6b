/**
 * One live connection per browser, shared by all its tabs.
 *
 * A browser opens at most six HTTP/1.1 connections per host; an EventSource holds one for as long
 * as the page is open. With a stream per live widget per tab, three tabs used them all and every
 * further page load hung. So the tabs of one person elect a leader through the Web Locks API: the
 * leader alone holds the EventSource (one stream carrying every topic the person may hear, each
 * event authorised on the server) and fans the events out to the other tabs over a
 * BroadcastChannel. When the leader tab closes, its lock is released, the next tab in line takes
 * over and tells every tab to re-read (events in the gap are lost: there is no server-side log to
 * replay, so a refetch is the resume). Browsers without Web Locks or BroadcastChannel (or pages
 * outside a secure context) fall back to one connection per tab.
 */

/** What the server sends for one change (see lib/realtime/audience.ts). */
export type LiveEvent = {
  type: 'order' | 'case' | 'notification';
  topics: string[];
  status?: string;
  version?: number;
};

/** A change on a subscribed topic, or `resync`: events may have been missed, re-read everything. */
export type LiveMessage = LiveEvent | { type: 'resync'; topics: [] };

export type LiveListener = (message: LiveMessage) => void;

/** What tabs tell each other on the channel. */
type Wire = { kind: 'message'; message: LiveMessage } | { kind: 'status'; connected: boolean } | { kind: 'hello' };

const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 60_000;
const RESYNC: LiveMessage = { type: 'resync', topics: [] };

export class LiveConnection {
  private listeners = new Set<{ topics: ReadonlySet<string>; fn: LiveListener }>();
  private statusListeners = new Set<() => void>();
  private connected = false;
  /** A stream was open before (ours or a former leader's): a new one may have missed events. */
  private everConnected = false;
  private leader = false;
  private running = false;
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private abort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;

  /**
   * `userId` is the person the page was rendered for: the lock and channel are theirs alone, and
   * the server refuses the stream once someone else is signed in in this browser.
   */
  constructor(private readonly userId: string) {}

  get isConnected(): boolean {
    return this.connected;
  }

  /** Calls `fn` for each event on any of `topics`, and for every resync. Returns the unsubscribe. */
  subscribe(topics: readonly string[], fn: LiveListener): () => void {
    const entry = { topics: new Set(topics), fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  onStatus(fn: () => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const name = `afterdesk-live:${this.userId}`;
    if (typeof BroadcastChannel === 'undefined' || typeof navigator === 'undefined' || !navigator.locks) {
      this.lead();
      return;
    }
    const channel = new BroadcastChannel(name);
    this.channel = channel;
    channel.onmessage = (e: MessageEvent<Wire>) => this.receive(e.data);
    const abort = new AbortController();
    this.abort = abort;
    navigator.locks
      .request(name, { signal: abort.signal }, () => {
        if (!this.running) return undefined;
        this.lead();
        // Held until this tab stops (or closes, when the browser releases it).
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch(() => {
        // Aborted while waiting in line: this tab stopped before it was ever the leader.
      });
    // A follower asks whether the leader's stream is open (the answer sets its indicator).
    channel.postMessage({ kind: 'hello' } satisfies Wire);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    if (this.leader) this.post({ kind: 'status', connected: false });
    this.leader = false;
    this.abort?.abort();
    this.abort = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
    this.channel = null;
    this.setConnected(false);
  }

  private lead() {
    this.leader = true;
    // What this tab showed was the former leader's stream; its own is not open yet.
    this.setConnected(false);
    this.connect();
  }

  private connect() {
    if (!this.running) return;
    const source = new EventSource(`/api/events?u=${encodeURIComponent(this.userId)}`);
    this.source = source;
    source.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      const resync = this.everConnected;
      this.setConnected(true);
      this.post({ kind: 'status', connected: true });
      if (resync) this.fanOut(RESYNC);
    };
    source.addEventListener('change', (e) => {
      let event: LiveEvent;
      try {
        event = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
      } catch {
        return;
      }
      this.fanOut(event);
    });
    source.addEventListener('resync', () => this.fanOut(RESYNC));
    // Signed out or access changed: the server ended the stream on purpose. Do not reconnect at
    // once (the browser would, after `retry`); try again later, when the session may be back.
    source.addEventListener('end', () => {
      source.close();
      this.lost();
    });
    source.onerror = () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. 401/403), so we retry.
      if (source.readyState === EventSource.CLOSED) this.lost();
      else this.markDisconnected();
    };
  }

  private lost() {
    this.markDisconnected();
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private markDisconnected() {
    this.setConnected(false);
    this.post({ kind: 'status', connected: false });
  }

  /** The leader delivers to its own page and to every other tab. */
  private fanOut(message: LiveMessage) {
    this.dispatch(message);
    this.post({ kind: 'message', message });
  }

  private receive(wire: Wire) {
    if (wire.kind === 'hello') {
      if (this.leader) this.post({ kind: 'status', connected: this.connected });
      return;
    }
    if (this.leader) return; // only one leader holds the lock; ignore strays from a closing one
    if (wire.kind === 'status') this.setConnected(wire.connected);
    else this.dispatch(wire.message);
  }

  private dispatch(message: LiveMessage) {
    for (const { topics, fn } of [...this.listeners]) {
      if (message.type === 'resync' || message.topics.some((t) => topics.has(t))) fn(message);
    }
  }

  private post(wire: Wire) {
    if (this.leader) this.channel?.postMessage(wire);
  }

  private setConnected(connected: boolean) {
    if (connected) this.everConnected = true;
    if (this.connected === connected) return;
    this.connected = connected;
    for (const fn of [...this.statusListeners]) fn();
  }
}
