import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, DatabaseOutageError, withDeadline } from './outage';

/** A Node socket error as net/postgres.js raise it. */
function nodeError(code: string, message = `connect ${code} 10.0.0.5:5432`) {
  return Object.assign(new Error(message), { code, errno: code });
}

/** A server error as postgres.js raises it (PostgresError carries the SQLSTATE in `code`). */
function serverError(code: string, message: string) {
  return Object.assign(new Error(message), { name: 'PostgresError', code, severity: 'FATAL' });
}

describe('classifyDatabaseError', () => {
  it.each([
    ['ECONNREFUSED', 'database_unreachable'],
    ['ECONNRESET', 'database_unreachable'],
    ['EHOSTUNREACH', 'database_unreachable'],
    ['ENOTFOUND', 'database_unreachable'],
    ['CONNECTION_CLOSED', 'database_unreachable'],
    ['CONNECTION_ENDED', 'database_unreachable'],
    ['CONNECT_TIMEOUT', 'database_timeout'],
    ['ETIMEDOUT', 'database_timeout'],
  ])('a socket or driver error %s means %s', (code, reason) => {
    expect(classifyDatabaseError(nodeError(code))).toEqual({ reason, code });
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['08001', 'could not establish connection'],
    ['08P01', 'protocol violation'],
  ])('server error %s (%s) means the database is unreachable', (code, message) => {
    expect(classifyDatabaseError(serverError(code, message))).toEqual({ reason: 'database_unreachable', code });
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['42P01', 'relation "nope" does not exist'],
    ['57014', 'canceling statement due to statement timeout'],
    ['40001', 'could not serialize access'],
    ['22P02', 'invalid input syntax for type uuid'],
  ])('a query error %s (%s) is not an outage', (code, message) => {
    expect(classifyDatabaseError(serverError(code, message))).toBeNull();
  });

  it('sees through Drizzle, which wraps every failed query', () => {
    const wrapped = new DrizzleQueryError('select 1', [], nodeError('ECONNREFUSED') as Error);
    expect(classifyDatabaseError(wrapped)).toEqual({ reason: 'database_unreachable', code: 'ECONNREFUSED' });
  });

  it('sees into an AggregateError (one error per address of "localhost")', () => {
    const both = new AggregateError(
      [nodeError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), nodeError('ECONNREFUSED')],
      'connect failed',
    );
    expect(classifyDatabaseError(both)?.reason).toBe('database_unreachable');
  });

  it('keeps the reason of the guard’s own error', () => {
    expect(classifyDatabaseError(new DatabaseOutageError('database_timeout', 'QUERY_TIMEOUT'))).toEqual({
      reason: 'database_timeout',
      code: 'QUERY_TIMEOUT',
    });
  });

  it('ignores bugs and non-errors', () => {
    expect(classifyDatabaseError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
    expect(classifyDatabaseError('ECONNREFUSED')).toBeNull();
    // EPIPE-like five-letter words are codes only where they belong; a made-up code is nothing.
    expect(classifyDatabaseError(nodeError('EFOOO'))).toBeNull();
  });

  it('does not loop on an error that is its own cause', () => {
    const e = new Error('odd') as Error & { cause?: unknown };
    e.cause = e;
    expect(classifyDatabaseError(e)).toBeNull();
  });
});

describe('withDeadline', () => {
  it('passes a prompt result through', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('passes a prompt failure through unchanged', async () => {
    const err = nodeError('ECONNREFUSED');
    await expect(withDeadline(Promise.reject(err), 1000)).rejects.toBe(err);
  });

  it('gives up on work that never settles, as a timeout outage', async () => {
    const started = Date.now();
    const err = await withDeadline(new Promise(() => {}), 50).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(classifyDatabaseError(err)).toEqual({ reason: 'database_timeout', code: 'QUERY_TIMEOUT' });
  });
});
