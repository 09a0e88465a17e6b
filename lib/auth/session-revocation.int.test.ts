import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDbHandle, openPostgres, type DbHandle } from '@/db/client';
import { REALTIME_CHANNEL, type RealtimeEvent } from '@/lib/realtime/events';
import { changeUserRole, setUserActive } from '@/lib/users/mutations';
import { createTestUser, ctxFor } from '@/test/factories';
import { endSession } from './mutations';
import { SessionCache } from './session-cache';
import { loadActorBySession } from './sessions';

/**
 * Two app instances, each with its own database connections and its own cache of checked sessions
 * (on the embedded database, one process: two caches over one handle). A session revoked through
 * one must be refused by the other at once, though both had it cached for minutes.
 */
type Instance = { cache: SessionCache; reads: () => number; close: () => Promise<void> };

async function startInstance(): Promise<Instance> {
  const url = process.env.DATABASE_URL;
  const handle: DbHandle = url ? await openPostgres(url, { max: 2 }) : await getDbHandle();
  let reads = 0;
  const cache = new SessionCache(
    (sid) => {
      reads++;
      return loadActorBySession(handle.db, sid);
    },
    { ttlMs: 10 * 60_000 },
  );
  const unlisten = await handle.listen(
    REALTIME_CHANNEL,
    (payload) => cache.heard(JSON.parse(payload) as RealtimeEvent),
    () => cache.connected(),
  );
  return {
    cache,
    reads: () => reads,
    close: async () => {
      await unlisten();
      if (url) await handle.close();
    },
  };
}

let a: Instance;
let b: Instance;
beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** Both instances have checked the session and now serve it without reading. */
async function cachedOnBoth(sessionId: string) {
  for (const instance of [a, b]) {
    expect(await instance.cache.get(sessionId), 'session valid').not.toBeNull();
    const before = instance.reads();
    expect(await instance.cache.get(sessionId)).not.toBeNull();
    expect(instance.reads(), 'served from the cache').toBe(before);
  }
}

const refusedBy = (instance: Instance, sessionId: string) =>
  expect.poll(() => instance.cache.get(sessionId), { timeout: 3000, interval: 20 }).toBeNull();

describe('checked sessions across instances', () => {
  it('ends a signed-out session on every instance at once', async () => {
    const user = await createTestUser({ role: 'agent' });
    const ctx = await ctxFor(user);
    const other = await ctxFor(user);
    await cachedOnBoth(ctx.actor!.sessionId);
    await cachedOnBoth(other.actor!.sessionId);

    await endSession({ ctx });
    await refusedBy(b, ctx.actor!.sessionId);
    await refusedBy(a, ctx.actor!.sessionId);
    // The user's other browser stays signed in.
    expect(await b.cache.get(other.actor!.sessionId)).not.toBeNull();
  });

  it('ends every session of a deactivated user on every instance at once', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const leaver = await createTestUser({ role: 'agent' });
    const sessions = [(await ctxFor(leaver)).actor!.sessionId, (await ctxFor(leaver)).actor!.sessionId];
    for (const sid of sessions) await cachedOnBoth(sid);

    await setUserActive({ ctx: admin, input: { userId: leaver.id, active: false, version: leaver.version } });
    for (const sid of sessions) {
      await refusedBy(a, sid);
      await refusedBy(b, sid);
    }
  });

  it('serves a changed role on every instance at once', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const promoted = await createTestUser({ role: 'agent' });
    const sid = (await ctxFor(promoted)).actor!.sessionId;
    await cachedOnBoth(sid);

    await changeUserRole({ ctx: admin, input: { userId: promoted.id, role: 'supervisor', version: promoted.version } });
    for (const instance of [a, b])
      await expect
        .poll(async () => (await instance.cache.get(sid))?.role, { timeout: 3000, interval: 20 })
        .toBe('supervisor');
  });
});
