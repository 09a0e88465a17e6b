/**
 * Which failures mean "the database is not there right now" (an outage: answer 503 and retry)
 * rather than "this query is wrong" (a bug: 500) — decided here, once, for every caller.
 * Pure: no driver import, so the proxy, route helpers and tests can use it.
 */

export type DatabaseOutageReason = 'database_unreachable' | 'database_timeout';

export type DatabaseOutage = {
  reason: DatabaseOutageReason;
  /** The driver's code (ECONNREFUSED, CONNECT_TIMEOUT, 57P01 …): safe to show, it names no host. */
  code: string;
};

/** Raised by the app's own guard: the database was found unreachable (or too slow) by a probe. */
export class DatabaseOutageError extends Error {
  constructor(
    readonly reason: DatabaseOutageReason,
    readonly code: string,
    message = reason === 'database_timeout' ? 'The database did not answer in time' : 'The database is unreachable',
  ) {
    super(`${message} (${code})`);
    this.name = 'DatabaseOutageError';
  }
}

/** Nothing came back in time: a hung server, a dropped network, a connection that never opened. */
const TIMEOUT_CODES = new Set([
  'CONNECT_TIMEOUT', // postgres.js: connect_timeout elapsed before the server was ready
  'ETIMEDOUT',
  'QUERY_TIMEOUT', // withDeadline below
]);

/** The server is gone or refuses us: stopped, restarting, crashed, full, or the link broke. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND', // the database host's name does not resolve (yet): DNS in a restarting cluster
  'EAI_AGAIN',
  'CONNECTION_CLOSED', // postgres.js: the socket closed under a running query
  'CONNECTION_ENDED', // postgres.js: the pool is shutting down
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '57P04', // database_dropped
  '53300', // too_many_connections
]);

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function classifyCode(code: string | undefined): DatabaseOutageReason | null {
  if (!code) return null;
  if (TIMEOUT_CODES.has(code)) return 'database_timeout';
  if (UNREACHABLE_CODES.has(code)) return 'database_unreachable';
  // SQLSTATE class 08: connection exception (08000, 08003, 08006 connection_failure …).
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'database_unreachable';
  return null;
}

/**
 * The outage behind an error, or null when the error is anything else. Looks through Drizzle's
 * wrapper (`cause`) and Node's AggregateError (one error per address tried for `localhost`).
 */
export function classifyDatabaseError(err: unknown, depth = 0): DatabaseOutage | null {
  if (typeof err !== 'object' || err === null || depth > 5) return null;
  if (err instanceof DatabaseOutageError) return { reason: err.reason, code: err.code };
  const code = codeOf(err);
  const reason = classifyCode(code);
  if (reason && code) return { reason, code };
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = classifyDatabaseError(inner, depth + 1);
      if (found) return found;
    }
  }
  return classifyDatabaseError((err as { cause?: unknown }).cause, depth + 1);
}

/**
 * Rejects with a database_timeout outage when `work` has not settled within `ms`. The work itself
 * is not cancelled (a driver cannot cancel over a dead link); its late result is ignored.
 */
export function withDeadline<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DatabaseOutageError('database_timeout', 'QUERY_TIMEOUT')), ms);
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
