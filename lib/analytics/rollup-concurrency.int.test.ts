import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, openPostgres, type DbHandle } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { feedback } from '@/db/schema';
import { createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { refreshRollups } from './rollup';

/**
 * Two instances refreshing at once. The job on each instance skips the hours another is already
 * recomputing; a caller that reads the rollups straight after (a rebuild, a report test) must wait
 * for them instead, or it reads a day that is still being written — the flake this guards against.
 * On PostgreSQL the "other instance" is a second connection holding the hour's claim; the embedded
 * database has one connection, so there the claim can only be tested uncontended.
 */
const year = 1930 + Math.floor(Math.random() * 25);
const day = `${year}-05-17`;
const hour = `${day}T10:00:00+08:00`;

let other: DbHandle | null = null;
let customerId: string;

beforeAll(async () => {
  const agent = await ctxFor(await createTestUser({ role: 'agent' }));
  customerId = (await orderOfNewCustomer(agent, (await createTestProduct()).sku)).customerId;
  const url = process.env.DATABASE_URL;
  if (url) other = openPostgres(url, { max: 1 });
});

afterAll(async () => {
  await other?.close();
});

async function praisedOnDay(): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select coalesce(sum(n), 0)::int as n from rollup_feedback_daily where day = ${day}::date and kind = 'praise'`,
    ),
  );
  return row!.n;
}

/** Holds the claim on the hour in another connection until `release` is called. */
async function holdHour(handle: DbHandle) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: (n: number) => void;
  const holding = new Promise<number>((r) => (held = r));
  const done = handle.db.transaction(async (tx) => {
    const rows = rowsOf(await tx.execute(sql`select at from rollup_dirty where at = ${hour}::timestamptz for update`));
    held(rows.length);
    await released;
  });
  return { locked: await holding, release: async () => (release(), await done) };
}

describe('refreshing rollups from two instances', () => {
  it('skips an hour another instance holds by default, and waits for it when asked', async () => {
    const db = await getDb();
    await db.insert(feedback).values({
      kind: 'praise',
      customerId,
      comment: 'thanks',
      words: ['thanks'],
      createdAt: new Date(`${day}T10:20:00+08:00`),
    });
    if (!other) {
      await refreshRollups({ waitForOthers: true });
      expect(await praisedOnDay()).toBe(1);
      return;
    }
    // Another test file's refresh may claim the hour first: mark it again until ours is the hold.
    let hold = await holdHour(other);
    while (!hold.locked) {
      await hold.release();
      await db.execute(sql`insert into rollup_dirty (at) values (${hour}::timestamptz) on conflict do nothing`);
      hold = await holdHour(other);
    }
    await refreshRollups();
    expect(await praisedOnDay()).toBe(0);

    let settled = false;
    const waiting = refreshRollups({ waitForOthers: true }).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    await hold.release();
    await waiting;
    expect(await praisedOnDay()).toBe(1);
  });
});
