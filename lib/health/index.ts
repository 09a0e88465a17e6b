import 'server-only';
import { sql } from 'drizzle-orm';
import { getDbHandle, type DbHandle } from '@/db/client';
import { migrationStatus } from '@/db/migrate';
import { classifyDatabaseError, withDeadline } from '@/db/outage';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { databaseOutage, RETRY_AFTER_SECONDS, suspectDatabaseOutage } from '@/lib/outage/state';

/**
 * Why an instance is not ready. For anonymous callers (load balancers): codes only, never the
 * database's address or credentials.
 *  - database_unreachable: refused, reset, shutting down, too many connections, DNS …
 *  - database_timeout: no answer within DATABASE_CONNECT_TIMEOUT_SECONDS;
 *  - migrations_pending: this build expects migrations the database does not have yet;
 *  - database_error: the check failed in another way (see the server log).
 */
export type NotReadyReason = 'database_unreachable' | 'database_timeout' | 'migrations_pending' | 'database_error';

export type Readiness = {
  status: 'ready' | 'not_ready';
  reason?: NotReadyReason;
  database: {
    kind: 'pglite' | 'postgres' | 'unknown';
    reachable: boolean;
    latencyMs?: number;
    /** The driver's code (ECONNREFUSED, CONNECT_TIMEOUT, 57P01 …) when unreachable. */
    code?: string;
    /** When this instance found the database down (ISO time). */
    downSince?: string;
  };
  migrations: { expected: number; applied: number; upToDate: boolean } | null;
  /** Seconds a client should wait before asking again (also sent as Retry-After). */
  retryAfterSeconds?: number;
};

export async function readiness(): Promise<Readiness> {
  // Already known to be down (the watcher re-probes every few seconds): answer at once.
  const down = databaseOutage();
  if (down) {
    return {
      status: 'not_ready',
      reason: down.reason,
      database: { kind: 'postgres', reachable: false, code: down.code, downSince: new Date(down.since).toISOString() },
      migrations: null,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  }
  let kind: DbHandle['kind'] | 'unknown' = 'unknown';
  try {
    const handle = await getDbHandle();
    kind = handle.kind;
    const started = performance.now();
    // Bounded: a load balancer's check must not hang on a frozen link.
    const deadlineMs = env().DATABASE_CONNECT_TIMEOUT_SECONDS * 1000;
    await withDeadline(handle.db.execute(sql`select 1`), deadlineMs);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const m = await withDeadline(migrationStatus(handle.db), deadlineMs);
    const upToDate = m.applied >= m.expected;
    return {
      status: upToDate ? 'ready' : 'not_ready',
      ...(upToDate ? {} : { reason: 'migrations_pending' as const, retryAfterSeconds: RETRY_AFTER_SECONDS }),
      database: { kind: handle.kind, reachable: true, latencyMs },
      migrations: { ...m, upToDate },
    };
  } catch (err) {
    const outage = classifyDatabaseError(err);
    if (outage) suspectDatabaseOutage();
    logger.warn(
      { err: { message: (err as Error).message }, reason: outage?.reason, code: outage?.code },
      'readiness check failed',
    );
    return {
      status: 'not_ready',
      reason: outage?.reason ?? 'database_error',
      database: { kind, reachable: false, ...(outage ? { code: outage.code } : {}) },
      migrations: null,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  }
}

/** Statements this process has sent, when the benchmark asked for counting (else null). */
export { statementsSent } from '@/db/statement-count';
