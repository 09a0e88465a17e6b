import 'server-only';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { env } from '@/lib/env';
import { hub } from '@/lib/realtime/hub';
import { sessionIdFromCookie } from './session-cookie';
import { SessionCache } from './session-cache';
import { loadActorBySession } from './sessions';

// One cache per process (Next.js may load this module more than once), kept current by the hub.
const slot = globalThis as typeof globalThis & { __afterdeskSessions?: SessionCache };

function sessionCache(): SessionCache {
  if (!slot.__afterdeskSessions) {
    const sessions = new SessionCache(async (sid) => loadActorBySession(await getDb(), sid), {
      ttlMs: env().SESSION_CACHE_SECONDS * 1000,
    });
    hub.subscribe((e) => sessions.heard(e));
    hub.watchConnection(sessions);
    slot.__afterdeskSessions = sessions;
  }
  return slot.__afterdeskSessions;
}

/**
 * The signed-in actor for this request, checked against the database (session not revoked, user
 * still active) or against this process's cache of such checks, which every revocation empties at
 * once (lib/auth/session-cache.ts); memoised for the rest of the request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const sid = await sessionIdFromCookie();
  return sid ? sessionCache().get(sid) : null;
});
