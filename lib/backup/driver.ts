import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { DbHandle } from '@/db/client';
import { OUTPUT_SETTINGS } from './tables';

/**
 * The two drivers speak COPY differently (postgres.js streams over the wire; PGlite reads and
 * writes a Blob through its virtual /dev/blob). Backups and restores are written once against
 * these two small interfaces.
 */
export type SnapshotTx = {
  rows<T>(query: string): Promise<T[]>;
  /** The output of `copy (...) to stdout`, in chunks. */
  copyOut(query: string): AsyncIterable<Uint8Array>;
};

export type LoadTx = {
  exec(query: string): Promise<void>;
  rows<T>(query: string): Promise<T[]>;
  /** Loads a file written by copyOut into `table (columns)`. */
  copyIn(table: string, columns: string, file: string): Promise<void>;
};

/**
 * A postgres.js COPY stream as chunks. postgres.js (3.4) pauses its socket whenever a COPY chunk
 * fills the stream's buffer and resumes it from the stream's read(); a stream that has ended is
 * never read again, so when the last chunk filled the buffer the socket stays paused and the next
 * statement of the transaction never gets its answer (seen here, at random, with `for await` and
 * with plain 'data' events). After 'end' we call read() once more ourselves: it only resumes the
 * socket, which is harmless when it was not paused.
 */
async function* chunksOf(stream: Readable): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  stream.on('data', (chunk: Uint8Array) => {
    queue.push(chunk);
    poke();
  });
  stream.on('end', () => {
    done = true;
    (stream as Readable & { _read?: (size: number) => void })._read?.(0);
    poke();
  });
  stream.on('error', (err) => {
    failure = err;
    poke();
  });
  for (;;) {
    const chunk = queue.shift();
    if (chunk) {
      yield chunk;
      continue;
    }
    if (failure) throw failure;
    if (done) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

function raw(handle: DbHandle): { kind: 'postgres'; url: string } | { kind: 'pglite'; pg: PGlite } {
  if (handle.kind === 'postgres') {
    if (!handle.url) throw new Error('this database handle does not know its URL');
    return { kind: 'postgres', url: handle.url };
  }
  if (!handle.raw) throw new Error('this database handle does not expose its driver');
  return { kind: 'pglite', pg: handle.raw as PGlite };
}

/**
 * A connection of its own for one backup or restore: it holds a long transaction and streams COPY,
 * which must neither take a connection from the app's pool for minutes nor run through the app's
 * outage guard (a COPY stream on a guarded pool connection was seen to stall the next statement).
 */
async function dedicated<R>(url: string, fn: (sql: postgres.Sql) => Promise<R>): Promise<R> {
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: false,
    connect_timeout: 10,
    idle_timeout: 0,
    prepare: false,
  });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Runs `fn` in one read-only snapshot: every table is read as of the same instant while the app
 * goes on writing (PostgreSQL: REPEATABLE READ; PGlite has one connection, and its transaction
 * holds it, so writes wait until the dump is done).
 */
export async function withSnapshot<R>(handle: DbHandle, fn: (tx: SnapshotTx) => Promise<R>): Promise<R> {
  const d = raw(handle);
  if (d.kind === 'postgres') {
    return dedicated(
      d.url,
      async (client) =>
        (await client.begin('isolation level repeatable read read only', async (tx) => {
          for (const s of OUTPUT_SETTINGS) await tx.unsafe(s);
          return fn({
            rows: async <T>(q: string) => (await tx.unsafe(q)) as unknown as T[],
            copyOut: (q: string) => ({
              async *[Symbol.asyncIterator]() {
                yield* chunksOf(await tx.unsafe(q).readable());
              },
            }),
          });
        })) as R,
    );
  }
  return d.pg.transaction(async (tx: Transaction) => {
    for (const s of OUTPUT_SETTINGS) await tx.exec(s);
    return fn({
      rows: async <T>(q: string) => (await tx.query<T>(q)).rows,
      copyOut: (q: string) => ({
        async *[Symbol.asyncIterator]() {
          const res = await tx.query(q.replace(/to stdout$/, "to '/dev/blob'"));
          if (res.blob) yield new Uint8Array(await res.blob.arrayBuffer());
        },
      }),
    });
  });
}

/** Runs `fn` in one read-write transaction: a restore lands whole or not at all. */
export async function withLoad<R>(handle: DbHandle, fn: (tx: LoadTx) => Promise<R>): Promise<R> {
  const d = raw(handle);
  if (d.kind === 'postgres') {
    return dedicated(
      d.url,
      async (client) =>
        (await client.begin(async (tx) => {
          for (const s of OUTPUT_SETTINGS) await tx.unsafe(s);
          return fn({
            exec: async (q) => {
              await tx.unsafe(q);
            },
            rows: async <T>(q: string) => (await tx.unsafe(q)) as unknown as T[],
            copyIn: async (table, columns, file) => {
              const sink = await tx.unsafe(`copy ${table} (${columns}) from stdin`).writable();
              await pipeline(fs.createReadStream(file), sink);
            },
          });
        })) as R,
    );
  }
  return d.pg.transaction(async (tx: Transaction) => {
    for (const s of OUTPUT_SETTINGS) await tx.exec(s);
    return fn({
      exec: async (q) => {
        await tx.exec(q);
      },
      rows: async <T>(q: string) => (await tx.query<T>(q)).rows,
      copyIn: async (table, columns, file) => {
        await tx.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob: new Blob([fs.readFileSync(file)]) });
      },
    });
  });
}
