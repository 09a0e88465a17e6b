import { describe, expect, it } from 'vitest';
import { makeActor, type Actor } from '@/lib/authz';
import { SessionCache } from './session-cache';

const actorOf = (userId: string, sessionId: string): Actor =>
  makeActor({ userId, sessionId, email: `${userId}@example.com`, name: userId, role: 'agent', locale: null });

/** A cache over a table of live sessions, counting how often it had to read. */
function setup(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  const live = new Map<string, Actor>([
    ['s1', actorOf('ann', 's1')],
    ['s2', actorOf('ann', 's2')],
    ['s3', actorOf('bob', 's3')],
  ]);
  let clock = 0;
  const reads: string[] = [];
  const cache = new SessionCache(
    async (sid) => {
      reads.push(sid);
      return live.get(sid) ?? null;
    },
    { ttlMs: opts.ttlMs ?? 15_000, maxEntries: opts.maxEntries, now: () => clock },
  );
  return { cache, live, reads, tick: (ms: number) => (clock += ms) };
}

describe('SessionCache', () => {
  it('reads every time until the LISTEN connection is confirmed', async () => {
    const { cache, reads } = setup();
    await cache.get('s1');
    await cache.get('s1');
    expect(reads).toEqual(['s1', 's1']);
    cache.connected();
    await cache.get('s1');
    await cache.get('s1');
    expect(reads).toEqual(['s1', 's1', 's1']);
  });

  it('forgets exactly the user an access notice names', async () => {
    const { cache, live, reads } = setup();
    cache.connected();
    for (const sid of ['s1', 's2', 's3']) await cache.get(sid);
    live.delete('s1');
    cache.heard({ type: 'access', userId: 'ann' });
    expect(await cache.get('s1')).toBeNull();
    expect((await cache.get('s2'))?.userId).toBe('ann');
    expect((await cache.get('s3'))?.userId).toBe('bob');
    // ann's two sessions read again, bob's served from the cache.
    expect(reads).toEqual(['s1', 's2', 's3', 's1', 's2']);
  });

  it('ignores notices that are not about access', async () => {
    const { cache, reads } = setup();
    cache.connected();
    await cache.get('s1');
    cache.heard({ type: 'notification', userId: 'ann' });
    await cache.get('s1');
    expect(reads).toEqual(['s1']);
  });

  it('does not keep a read that was in flight when a notice arrived', async () => {
    const { cache, live, reads } = setup();
    cache.connected();
    const inFlight = cache.get('s1');
    // The notice overtakes the read: what it returns may predate the change.
    live.delete('s1');
    cache.heard({ type: 'access', userId: 'ann' });
    expect((await inFlight)?.userId).toBe('ann');
    expect(await cache.get('s1')).toBeNull();
    expect(reads).toEqual(['s1', 's1']);
  });

  it('reads again after the time limit, and after a reconnection', async () => {
    const { cache, reads, tick } = setup({ ttlMs: 1000 });
    cache.connected();
    await cache.get('s3');
    tick(999);
    await cache.get('s3');
    tick(1);
    await cache.get('s3');
    cache.connected();
    await cache.get('s3');
    expect(reads).toEqual(['s3', 's3', 's3']);
    cache.disconnected();
    await cache.get('s3');
    await cache.get('s3');
    expect(reads).toHaveLength(5);
  });

  it('never caches a refused session, and is off at a time limit of 0', async () => {
    const { cache, reads } = setup();
    cache.connected();
    expect(await cache.get('nope')).toBeNull();
    expect(await cache.get('nope')).toBeNull();
    expect(reads).toEqual(['nope', 'nope']);
    const off = setup({ ttlMs: 0 });
    off.cache.connected();
    await off.cache.get('s1');
    await off.cache.get('s1');
    expect(off.reads).toEqual(['s1', 's1']);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const { cache, reads } = setup({ maxEntries: 2 });
    cache.connected();
    for (const sid of ['s1', 's2', 's3']) await cache.get(sid);
    expect(cache.size).toBe(2);
    await cache.get('s2');
    await cache.get('s3');
    await cache.get('s1');
    expect(reads).toEqual(['s1', 's2', 's3', 's1']);
  });
});
