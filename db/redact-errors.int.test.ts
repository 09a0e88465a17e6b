import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { createLogger } from '@/lib/log';
import { createTestUser } from '@/test/factories';

/** Everything the app's logger (its real configuration) writes, as one string. */
function captureLog() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { log: createLogger(stream), text: () => text };
}

describe('failed queries carry no personal data into logs', () => {
  it('a unique violation with an e-mail and a name: neither is in the error, its stack, its cause or the log', async () => {
    const user = await createTestUser({ role: 'customer' });
    const db = await getDb();
    const secretName = `Zhang Secret ${Date.now()}`;
    let caught: unknown;
    try {
      await db.insert(users).values({ email: user.email, name: secretName, role: 'customer', passwordHash: 'x' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    // What Next.js prints for an unhandled error, what our logger writes, and the JSON of both.
    const printed = inspect(caught, { depth: 5 });
    const { log, text } = captureLog();
    log.error({ err: caught }, 'request failed');
    const e = caught as Error & { cause?: { code?: string; constraint?: string } };
    for (const out of [printed, text(), String(e.stack), e.message, JSON.stringify(e)]) {
      expect(out).not.toContain(user.email);
      expect(out).not.toContain(secretName);
    }
    // What code needs to tell failures apart is kept.
    expect(e.message).toMatch(/^Failed query: insert into "users"/);
    expect(e.cause?.code).toBe('23505');
  });

  it('a value quoted back by PostgreSQL in its message is redacted', async () => {
    const db = await getDb();
    const phone = '13912345678';
    let caught: unknown;
    try {
      await db
        .select()
        .from(users)
        .where(eq(users.id, sql`${phone}::uuid`));
    } catch (err) {
      caught = err;
    }
    expect(inspect(caught, { depth: 5 })).not.toContain(phone);
  });
});
