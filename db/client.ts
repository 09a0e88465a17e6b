import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env, pgliteDir } from '@/lib/env';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { installQueryErrorRedaction } from './redact-errors';

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
  /** LISTEN on a channel; resolves to an unsubscribe function. */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
};

// Next.js may evaluate this module more than once in one process (route bundles, instrumentation);
// the handle lives on globalThis so that every copy shares one connection and one PGlite.
const slot = globalThis as typeof globalThis & { __afterdeskDb?: Promise<DbHandle> };

/** Drizzle's query logger: the benchmark records the SQL a lib call runs, to replay it raw. */
export type QueryLogger = { logQuery(query: string, params: unknown[]): void };

export function openPostgres(url: string, opts: { max?: number; logger?: QueryLogger } = {}): DbHandle {
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Keep errors readable: postgres.js otherwise prints the whole query with parameters.
    debug: false,
  });
  const db = drizzlePostgres(client, { schema, logger: opts.logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    raw: client,
    close: () => client.end({ timeout: 5 }),
    // postgres.js keeps one dedicated connection for all LISTENs and re-listens after reconnects.
    listen: async (channel, onPayload) => {
      const sub = await client.listen(channel, onPayload);
      return () => sub.unlisten();
    },
  };
}

export async function openPglite(dir: string | null, opts: { logger?: QueryLogger } = {}): Promise<DbHandle> {
  const release = dir ? lockDataDir(dir) : () => {};
  try {
    const client = dir ? await PGlite.create(dir) : await PGlite.create();
    const db = drizzlePglite(client, { schema, logger: opts.logger }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      raw: client,
      close: async () => {
        await client.close();
        release();
      },
      listen: async (channel, onPayload) => client.listen(channel, onPayload),
    };
  } catch (err) {
    release();
    throw err;
  }
}

async function openFromEnv(): Promise<DbHandle> {
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(pgliteDir());
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
