import postgres from 'postgres';
import { databaseOutage, markDatabaseDown, markDatabaseUp, onDatabaseDown, setOutageProbe } from '@/lib/outage/state';
import { logger } from '@/lib/log';
import { classifyDatabaseError, DatabaseOutageError, withDeadline, type DatabaseOutage } from './outage';

/**
 * Watches the app's PostgreSQL pool so that an outage costs a request seconds, not minutes:
 *  - a probe (`select 1` on a connection of its own, bounded by the connect timeout) decides
 *    whether the server is there. It runs when a query fails with a connection error, when a pool
 *    connection closes, when a query has waited SLOW_QUERY_MS, and every REPROBE_MS while down;
 *  - while down, every query through the guarded client fails at once with DatabaseOutageError,
 *    and queries that were already waiting are released with it: over a dead or frozen link a
 *    statement's reply may never come (TCP keeps retrying for minutes);
 *  - the first successful probe clears the state.
 * A slow but healthy statement (a report, a rollup rebuild) is never cut: its probe succeeds.
 * The probe's own connection means a busy pool cannot make the database look down.
 */
export const SLOW_QUERY_MS = 2_000;
export const REPROBE_MS = 2_000;
/** Right after an answer, a closed pool connection (idle timeout, restart) needs no probe. */
export const QUIET_AFTER_ANSWER_MS = 500;

export type AvailabilityWatch = {
  /** The client to hand to Drizzle: same API, with the guard in front of every query. */
  guard: (sql: postgres.Sql) => postgres.Sql;
  /**
   * Something looked wrong: check the server, unless it answered a probe less than `quietMs` ago
   * (0 for a connection error: always check).
   */
  suspect: (quietMs?: number) => void;
  /** Runs a probe now; resolves to whether the database answered. */
  probe: () => Promise<boolean>;
  stop: () => Promise<void>;
};

export function watchAvailability(url: string, opts: { timeoutSeconds: number }): AvailabilityWatch {
  const timeoutMs = opts.timeoutSeconds * 1000;
  let probeSql: postgres.Sql | null = null;
  let probing: Promise<boolean> | null = null;
  let lastAnswer = 0;
  let reprobe: NodeJS.Timeout | null = null;
  let stopped = false;

  const openProbe = () =>
    postgres(url, {
      max: 1,
      connect_timeout: opts.timeoutSeconds,
      idle_timeout: 30,
      backoff: () => 0,
      fetch_types: false,
      prepare: false,
      onnotice: () => {},
      connection: { application_name: 'afterdesk-probe' },
    });

  const scheduleReprobe = () => {
    if (reprobe || stopped) return;
    reprobe = setTimeout(() => {
      reprobe = null;
      void probe();
    }, REPROBE_MS);
    reprobe.unref();
  };

  function probe(): Promise<boolean> {
    if (stopped) return Promise.resolve(true);
    probing ??= (async () => {
      probeSql ??= openProbe();
      const sql = probeSql;
      try {
        await withDeadline(sql`select 1`, timeoutMs);
        lastAnswer = Date.now();
        const lasted = markDatabaseUp();
        if (lasted !== null) logger.warn({ downForMs: lasted }, 'database reachable again; serving requests');
        return true;
      } catch (err) {
        // Any failure of `select 1` on a fresh connection leaves the app unable to serve.
        const outage: DatabaseOutage = classifyDatabaseError(err) ?? {
          reason: 'database_unreachable',
          code: codeOf(err),
        };
        if (outage.reason === 'database_timeout') {
          // A hung link would keep this connection busy forever: start the next probe afresh.
          probeSql = null;
          void sql.end({ timeout: 0 }).catch(() => {});
        }
        const wasUp = databaseOutage() === null;
        markDatabaseDown(outage.reason, outage.code);
        if (wasUp)
          logger.error(
            { reason: outage.reason, code: outage.code },
            'database unavailable; answering 503 until it is back',
          );
        scheduleReprobe();
        return false;
      } finally {
        probing = null;
      }
    })();
    return probing;
  }

  const suspect = (quietMs = QUIET_AFTER_ANSWER_MS) => {
    if (stopped || probing) return;
    if (!databaseOutage() && Date.now() - lastAnswer < quietMs) return;
    void probe();
  };

  /** Runs one query or transaction under the guard. */
  function guarded<T>(run: () => PromiseLike<T>): Promise<T> {
    const down = databaseOutage();
    if (down) return Promise.reject(new DatabaseOutageError(down.reason, down.code));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      // Many slow statements at once still make one probe per interval, not one each.
      const slow = setInterval(() => suspect(SLOW_QUERY_MS), SLOW_QUERY_MS);
      slow.unref();
      const finish = () => {
        settled = true;
        clearInterval(slow);
        unsubscribe();
      };
      const unsubscribe = onDatabaseDown((info) => {
        if (settled) return;
        finish();
        reject(new DatabaseOutageError(info.reason, info.code));
      });
      run().then(
        (value) => {
          if (settled) return;
          finish();
          resolve(value);
        },
        (err: unknown) => {
          if (settled) return;
          finish();
          if (classifyDatabaseError(err)) suspect(0);
          reject(err);
        },
      );
    });
  }

  /**
   * postgres.js queries are lazy (they run when first awaited) and chainable (`.values()` picks
   * the row format Drizzle wants), so the guard wraps them in a thenable of the same shape.
   */
  class GuardedQuery<T> implements PromiseLike<T> {
    private result: Promise<T> | null = null;
    constructor(private readonly query: postgres.PendingQuery<postgres.Row[]>) {}
    values() {
      this.query.values();
      return this;
    }
    raw() {
      this.query.raw();
      return this;
    }
    then<A = T, B = never>(
      onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
      onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ) {
      this.result ??= guarded(() => this.query as unknown as PromiseLike<T>);
      return this.result.then(onFulfilled, onRejected);
    }
    catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null) {
      return this.then(undefined, onRejected);
    }
    finally(onFinally?: (() => void) | null) {
      return this.then().finally(onFinally);
    }
  }

  function guard(sql: postgres.Sql): postgres.Sql {
    return new Proxy(sql, {
      get(target, key) {
        if (key === 'unsafe') {
          return (...args: Parameters<postgres.Sql['unsafe']>) => new GuardedQuery(target.unsafe(...args));
        }
        if (key === 'begin' || key === 'savepoint') {
          // A transaction's callback gets a guarded client too; the whole transaction is guarded
          // as well, since its ROLLBACK would wait behind a statement stuck on a dead link.
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: postgres.Sql) => unknown;
            const method = (
              target as unknown as Record<'begin' | 'savepoint', (...a: unknown[]) => PromiseLike<unknown>>
            )[key];
            return guarded(() => method(...args, (tx: postgres.Sql) => fn(guard(tx))));
          };
        }
        return Reflect.get(target, key, target);
      },
    });
  }

  setOutageProbe(() => suspect(0));

  return {
    guard,
    suspect,
    probe,
    stop: async () => {
      stopped = true;
      setOutageProbe(null);
      if (reprobe) clearTimeout(reprobe);
      reprobe = null;
      markDatabaseUp();
      const sql = probeSql;
      probeSql = null;
      if (sql) await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
