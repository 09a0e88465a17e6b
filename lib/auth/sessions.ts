import 'server-only';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { makeActor, type Actor } from '@/lib/authz';
import { publish } from '@/lib/realtime/publish';

export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

export async function createSession(
  tx: Queryable,
  userId: string,
  meta: { ip: string | null; userAgent?: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(sessions)
    .values({
      userId,
      expiresAt: sql`now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Ends every open session of a user, except optionally the one making the request. */
export async function revokeUserSessions(tx: Queryable, userId: string, exceptSessionId?: string): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  // Open live streams of the ended sessions stop delivering at once (on commit), not at their next check.
  if (rows.length) await publish(tx, { type: 'access', userId });
  return rows.length;
}

export async function revokeSession(tx: Queryable, sessionId: string): Promise<void> {
  const [row] = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(eq(sessions.id, sessionId))
    .returning({ userId: sessions.userId });
  if (row) await publish(tx, { type: 'access', userId: row.userId });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor behind a session id, or null when the session is unknown, revoked, expired, or its
 * user deactivated. One primary-key lookup per request.
 */
export async function loadActorBySession(db: Queryable, sessionId: string): Promise<Actor | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return row ? makeActor({ ...row, sessionId }) : null;
}
