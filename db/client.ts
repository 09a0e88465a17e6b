import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env, pgliteDir } from '@/lib/env';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { pgliteExtensions } from './pglite-extensions';
import { watchAvailability } from './availability';
import { installQueryErrorRedaction } from './redact-errors';
import { statementCounter } from './statement-count';

// Before any query can fail: failed queries never carry their parameters into a log.
installQueryErrorRedaction();

export type Schema = typeof schema;
/** One type for both drivers: the whole app is written against plain PostgreSQL through Drizzle. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Queryable = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** The driver underneath (postgres.js or PGlite), for the benchmark's raw SQL. */
  raw?: postgres.Sql | PGlite;
  /** PostgreSQL: the URL it was opened with (backups open a dedicated connection of their own). */
  url?: string;
  /** LISTEN on a channel; resolves to an unsubscribe function. */
  /** `onListen` runs each time the LISTEN is in place: at first, and again after every reconnection. */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onListen?: () => void,
  ) => Promise<() => Promise<void>>;
};

// Next.js may evaluate this module more than once in one process (route bundles, instrumentation);
// the handle lives on globalThis so that every copy shares one connection and one PGlite.
const slot = globalThis as typeof globalThis & { __afterdeskDb?: Promise<DbHandle> };

/** Drizzle's query logger: the benchmark records the SQL a lib call runs, to replay it raw. */
export type QueryLogger = { logQuery(query: string, params: unknown[]): void };

export type PostgresOptions = {
  max?: number;
  logger?: QueryLogger;
  /** Seconds to wait for a connection (default DATABASE_CONNECT_TIMEOUT_SECONDS). */
  connectTimeoutSeconds?: number;
  /**
   * Watch availability (db/availability.ts): during an outage queries fail at once with
   * DatabaseOutageError and pages answer 503. The app's own handle only; scripts and tests open
   * plain ones.
   */
  watch?: boolean;
};

/**
 * postgres.js waits 3^n/100 s before reconnecting after the n-th failed attempt in a row, up to
 * 20 s: during an outage each request slept 10–20 s before it could even fail (measured 14–18 s).
 * Reconnects happen only while queries wait, so a short, capped pause is enough not to hammer a
 * restarting server.
 */
function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 0.5) * (0.5 + Math.random() / 2);
}

export function openPostgres(url: string, opts: PostgresOptions = {}): DbHandle {
  const connectTimeout = opts.connectTimeoutSeconds ?? env().DATABASE_CONNECT_TIMEOUT_SECONDS;
  const watch = opts.watch ? watchAvailability(url, { timeoutSeconds: connectTimeout }) : null;
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Keep errors readable: postgres.js otherwise prints the whole query with parameters.
    debug: false,
    // A server that is gone fails a connection attempt within this (postgres.js waits 30 s).
    connect_timeout: connectTimeout,
    backoff: reconnectDelaySeconds,
    // An idle connection is closed after a minute rather than kept for half an hour: fewer stale
    // sockets to write into after the server or the network went away silently.
    idle_timeout: 60,
    // No statement_timeout: the server cannot enforce one when it is gone, and reports, rollup
    // rebuilds and backups legitimately run long statements. Dead links are the watcher's job.
    onclose: watch ? () => watch.suspect() : undefined,
  });
  const db = drizzlePostgres(watch ? watch.guard(client) : client, { schema, logger: opts.logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    raw: client,
    url,
    close: async () => {
      await watch?.stop();
      await client.end({ timeout: 5 });
    },
    // postgres.js keeps one dedicated connection for all LISTENs and re-listens after reconnects.
    listen: async (channel, onPayload, onListen) => {
      const sub = await client.listen(channel, onPayload, onListen);
      return () => sub.unlisten();
    },
  };
}

export async function openPglite(dir: string | null, opts: { logger?: QueryLogger } = {}): Promise<DbHandle> {
  const release = dir ? lockDataDir(dir) : () => {};
  try {
    const client = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), extensions: pgliteExtensions });
    const db = drizzlePglite(client, { schema, logger: opts.logger }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      raw: client,
      close: async () => {
        await client.close();
        release();
      },
      // One process, no connection to lose: listening once is listening for good.
      listen: async (channel, onPayload, onListen) => {
        const unlisten = await client.listen(channel, onPayload);
        onListen?.();
        return unlisten;
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

async function openFromEnv(): Promise<DbHandle> {
  const url = env().DATABASE_URL;
  const logger = statementCounter();
  return url ? openPostgres(url, { watch: true, logger }) : openPglite(pgliteDir(), { logger });
}

/** The process-wide database handle, opened on first use from DATABASE_URL / PGLITE_DIR. */
export function getDbHandle(): Promise<DbHandle> {
  slot.__afterdeskDb ??= openFromEnv().catch((err) => {
    slot.__afterdeskDb = undefined;
    throw err;
  });
  return slot.__afterdeskDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Installs a handle as the process-wide database (tests and scripts that open their own). */
export function setDbHandle(handle: DbHandle): void {
  slot.__afterdeskDb = Promise.resolve(handle);
}

export async function closeDb(): Promise<void> {
  const current = slot.__afterdeskDb;
  slot.__afterdeskDb = undefined;
  if (current) await (await current).close();
}
