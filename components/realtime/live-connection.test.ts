import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, type LiveMessage } from './live-connection';

/** A stand-in for the browser's EventSource: the test plays the server. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private handlers = new Map<string, ((e: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, fn: (e: { data: string }) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(type: string, data: unknown = {}) {
    for (const fn of this.handlers.get(type) ?? []) fn({ data: JSON.stringify(data) });
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  static live() {
    return FakeEventSource.all.filter((s) => s.readyState !== FakeEventSource.CLOSED);
  }
}

/** Web Locks as the browser grants them: one holder per name, the rest wait in line. */
function fakeLocks() {
  const queues = new Map<string, { run: () => Promise<void>; signal?: AbortSignal; reject: (e: Error) => void }[]>();
  const held = new Set<string>();
  const next = (name: string) => {
    const queue = queues.get(name) ?? [];
    const waiter = queue.shift();
    if (!waiter) return;
    held.add(name);
    void waiter.run().finally(() => {
      held.delete(name);
      next(name);
    });
  };
  return {
    request(name: string, opts: { signal?: AbortSignal }, fn: () => Promise<void> | undefined) {
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          run: async () => {
            await fn();
            resolve();
          },
          signal: opts.signal,
          reject,
        };
        opts.signal?.addEventListener('abort', () => {
          const queue = queues.get(name) ?? [];
          const i = queue.indexOf(waiter);
          if (i >= 0) {
            queue.splice(i, 1);
            reject(new Error('AbortError'));
          }
        });
        queues.set(name, [...(queues.get(name) ?? []), waiter]);
        if (!held.has(name)) next(name);
      });
    },
  };
}

/** Lets queued BroadcastChannel messages and lock grants run. */
const settle = () => new Promise((r) => setTimeout(r, 10));

function tab(userId = 'u1') {
  const connection = new LiveConnection(userId);
  const heard: LiveMessage[] = [];
  connection.subscribe(['cases'], (m) => heard.push(m));
  return { connection, heard };
}

const caseChange = { type: 'case', topics: ['cases', 'case:AS-1', 'order:SO1'], status: 'approved', version: 2 };

describe('LiveConnection', () => {
  const tabs: LiveConnection[] = [];
  const open = (userId?: string) => {
    const t = tab(userId);
    tabs.push(t.connection);
    t.connection.start();
    return t;
  };

  beforeEach(() => {
    FakeEventSource.all = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('navigator', { locks: fakeLocks() });
  });
  afterEach(() => {
    for (const t of tabs.splice(0)) t.stop();
    vi.unstubAllGlobals();
  });

  it('opens one stream for all tabs of a person and fans each event out to every tab', async () => {
    const a = open();
    const b = open();
    const c = open();
    await settle();
    expect(FakeEventSource.live()).toHaveLength(1);
    expect(FakeEventSource.all[0]!.url).toBe('/api/events?u=u1');

    FakeEventSource.all[0]!.open();
    await settle();
    expect([a, b, c].map((t) => t.connection.isConnected)).toEqual([true, true, true]);

    FakeEventSource.all[0]!.emit('change', caseChange);
    FakeEventSource.all[0]!.emit('change', { type: 'order', topics: ['orders', 'order:SO9'] });
    await settle();
    for (const t of [a, b, c]) expect(t.heard).toEqual([caseChange]);
  });

  it('hands the stream to the next tab when the leader closes, which then asks every tab to re-read', async () => {
    const a = open();
    const b = open();
    await settle();
    FakeEventSource.all[0]!.open();
    await settle();

    a.connection.stop();
    await settle();
    expect(b.connection.isConnected).toBe(false);
    expect(FakeEventSource.live()).toHaveLength(1);
    const taken = FakeEventSource.live()[0]!;
    expect(taken).not.toBe(FakeEventSource.all[0]);
    const c = open();
    await settle();
    taken.open();
    await settle();
    // Events in the gap are lost: the new leader's first open tells everyone to refetch.
    expect(b.heard).toEqual([{ type: 'resync', topics: [] }]);
    expect(c.connection.isConnected).toBe(true);
    taken.emit('change', caseChange);
    await settle();
    expect(c.heard).toEqual([{ type: 'resync', topics: [] }, caseChange]);
    expect(FakeEventSource.live()).toHaveLength(1);
  });

  it('keeps people apart: another user id is another lock, channel and stream', async () => {
    open('u1');
    open('u2');
    await settle();
    expect(FakeEventSource.live().map((s) => s.url)).toEqual(['/api/events?u=u1', '/api/events?u=u2']);
  });

  it('does not reconnect at once when the server ends the stream, but later, backing off', async () => {
    vi.useFakeTimers();
    try {
      const a = tab();
      tabs.push(a.connection);
      a.connection.start();
      await vi.advanceTimersByTimeAsync(10);
      const first = FakeEventSource.all[0]!;
      first.open();
      first.emit('end');
      expect(first.readyState).toBe(FakeEventSource.CLOSED);
      expect(a.connection.isConnected).toBe(false);
      await vi.advanceTimersByTimeAsync(2_900);
      expect(FakeEventSource.all).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(FakeEventSource.all).toHaveLength(2);
      // Refused again (signed out): the next try waits twice as long.
      FakeEventSource.all[1]!.fail();
      await vi.advanceTimersByTimeAsync(5_900);
      expect(FakeEventSource.all).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(200);
      expect(FakeEventSource.all).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to a stream per tab where Web Locks are missing', async () => {
    vi.stubGlobal('navigator', {});
    open();
    open();
    await settle();
    expect(FakeEventSource.live()).toHaveLength(2);
  });
});
