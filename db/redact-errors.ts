import { DrizzleQueryError } from 'drizzle-orm/errors';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/**
 * No personal data in logs (DESIGN §9), and no SQL parameters either. A failed query surfaces as
 * Drizzle's DrizzleQueryError, whose message and stack spell out every parameter (names, e-mails,
 * addresses, notes), wrapping the driver's error, whose `detail` repeats the offending values
 * ("Key (email)=(…) already exists") and which, on PGlite, carries the parameters too. Whatever
 * logs the error — our logger, Next.js printing an unhandled one, a test runner — would print
 * them. So each failed query's error is cleaned where it is thrown, once, for every driver: the
 * SQL text stays (it holds placeholders only), the values go.
 */

/** Driver error fields that carry values from the statement or the row. */
const VALUE_FIELDS = [
  'detail',
  'where',
  'params',
  'parameters',
  'query',
  'queryOptions',
  'internalQuery',
  'args',
] as const;

/** PostgreSQL messages that quote the offending input, e.g. `invalid input syntax for type uuid: "…"`. */
const QUOTED_INPUT =
  /^(invalid input syntax for type [\w ]+|invalid input value for enum [\w.]+|value too long for type [\w ()]+|date\/time field value out of range|invalid byte sequence for encoding "[\w-]+"): .*$/s;

export function redactDriverError(err: unknown): void {
  if (typeof err !== 'object' || err === null) return;
  const e = err as Record<string, unknown> & { message?: string; stack?: string };
  for (const field of VALUE_FIELDS) {
    if (field in e) {
      try {
        delete e[field];
      } catch {
        // A read-only property stays; it is not enumerable in the drivers we use.
      }
    }
  }
  if (typeof e.message === 'string' && QUOTED_INPUT.test(e.message)) {
    const clean = e.message.replace(QUOTED_INPUT, '$1: [redacted]');
    if (typeof e.stack === 'string') e.stack = e.stack.replace(e.message, clean);
    e.message = clean;
  }
}

export function redactQueryError(err: unknown): unknown {
  if (!(err instanceof DrizzleQueryError)) {
    redactDriverError(err);
    return err;
  }
  const clean = `Failed query: ${err.query}`;
  if (typeof err.stack === 'string') err.stack = err.stack.replace(err.message, clean);
  err.message = clean;
  Object.defineProperty(err, 'params', { value: [], enumerable: false });
  redactDriverError(err.cause);
  return err;
}

const slot = globalThis as typeof globalThis & { __afterdeskRedactedQueries?: boolean };

/** Wraps the one method every Drizzle PostgreSQL session runs queries through (both drivers). */
export function installQueryErrorRedaction(): void {
  if (slot.__afterdeskRedactedQueries) return;
  slot.__afterdeskRedactedQueries = true;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown> };
  const original = proto.queryWithCache;
  proto.queryWithCache = async function redactedQuery(this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (err) {
      throw redactQueryError(err);
    }
  };
}
