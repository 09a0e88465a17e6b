import 'server-only';
import { and, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type LimitRule = { limit: number; windowSeconds: number; blockSeconds: number };

/** Seconds until the longest block among `keys` ends, or 0 when none is blocked. */
export async function blockedFor(db: Queryable, keys: string[]): Promise<number> {
  const rows = await db
    .select({ seconds: sql<number>`ceil(extract(epoch from (${rateLimits.blockedUntil} - now())))::int` })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, keys), gt(rateLimits.blockedUntil, sql`now()`)));
  return rows.reduce((max, r) => Math.max(max, Number(r.seconds)), 0);
}

/**
 * Counts one hit against `key` in a fixed window, atomically (one upsert, so concurrent requests on
 * several app instances cannot both slip under the limit). Reaching the limit blocks the key.
 * Returns the seconds the key is now blocked for (0 when not blocked).
 */
export async function hit(db: Queryable, key: string, rule: LimitRule): Promise<number> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const expired = sql`${rateLimits.windowStartedAt} < now() - ${window}`;
  const nextCount = sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`;
  const rows = await db
    .insert(rateLimits)
    .values({
      key,
      count: 1,
      windowStartedAt: sql`now()`,
      blockedUntil: rule.limit <= 1 ? sql`now() + make_interval(secs => ${rule.blockSeconds})` : null,
    })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: nextCount,
        windowStartedAt: sql`case when ${expired} then now() else ${rateLimits.windowStartedAt} end`,
        blockedUntil: sql`case when ${nextCount} >= ${rule.limit} then now() + make_interval(secs => ${rule.blockSeconds}) else ${rateLimits.blockedUntil} end`,
      },
    })
    .returning({
      seconds: sql<number>`coalesce(ceil(extract(epoch from (${rateLimits.blockedUntil} - now())))::int, 0)`,
    });
  return Math.max(0, Number(rows[0]?.seconds ?? 0));
}

/**
 * Growing delays instead of a fixed limit: the first `free` hits in the window cost nothing, each
 * one after blocks the key for twice as long as the one before (base, 2×base, 4×base …, capped).
 * Used where a hard lock would let one person lock out another (sign-in).
 */
export type GrowingRule = { free: number; windowSeconds: number; baseBlockSeconds: number; maxBlockSeconds: number };

/** Counts one hit against `key` under a growing rule; returns the seconds the key is now blocked for. */
export async function hitGrowing(db: Queryable, key: string, rule: GrowingRule): Promise<number> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const expired = sql`${rateLimits.windowStartedAt} < now() - ${window}`;
  const nextCount = sql`(case when ${expired} then 1 else ${rateLimits.count} + 1 end)`;
  const blockAfter = (count: SQL) =>
    sql`case when ${count} > ${rule.free} then now() + make_interval(secs => least(${rule.maxBlockSeconds}::float8, ${rule.baseBlockSeconds}::float8 * power(2, ${count} - ${rule.free} - 1))) else null end`;
  const rows = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: sql`now()`, blockedUntil: blockAfter(sql`1`) })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: nextCount,
        windowStartedAt: sql`case when ${expired} then now() else ${rateLimits.windowStartedAt} end`,
        blockedUntil: blockAfter(nextCount),
      },
    })
    .returning({
      seconds: sql<number>`coalesce(ceil(extract(epoch from (${rateLimits.blockedUntil} - now())))::int, 0)`,
      count: rateLimits.count,
    });
  return Math.max(0, Number(rows[0]?.seconds ?? 0));
}

/** How many hits `key` has in its current window (0 when none or expired). */
export async function hitsIn(db: Queryable, key: string, windowSeconds: number): Promise<number> {
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.key, key),
        gt(rateLimits.windowStartedAt, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
    );
  return Number(row?.count ?? 0);
}

export async function reset(db: Queryable, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
