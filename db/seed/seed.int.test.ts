import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { migrationStatus } from '@/db/migrate';
import { users } from '@/db/schema';
import { authenticate } from '@/lib/auth/mutations';
import { anonymousCtx } from '@/test/factories';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase } from './index';

describe('seedDatabase', () => {
  it('creates the demo accounts, is idempotent, and the accounts sign in', async () => {
    const db = await getDb();
    await seedDatabase(db, { agents: 3, customers: 5 });
    const second = await seedDatabase(db, { agents: 3, customers: 5 });
    expect(second).toEqual({ usersCreated: 0, teamsCreated: 0, ordersCreated: 0 });

    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    const rows = await db
      .select({ email: users.email, role: users.role })
      .from(users)
      .where(inArray(users.email, emails));
    expect(new Map(rows.map((r) => [r.email, r.role]))).toEqual(new Map(DEMO_ACCOUNTS.map((a) => [a.email, a.role])));
    for (const email of emails) {
      await expect(
        authenticate({ ctx: anonymousCtx(), input: { email, password: DEMO_PASSWORD } }),
      ).resolves.toHaveProperty('sessionId');
    }
    const [cjk] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`${users.name} ~ '[一-龥]'`);
    expect(Number(cjk?.n)).toBeGreaterThan(0);
  });
});

describe('migrationStatus', () => {
  it('reports every shipped migration as applied', async () => {
    const status = await migrationStatus(await getDb());
    expect(status.expected).toBeGreaterThan(0);
    expect(status.applied).toBe(status.expected);
  });
});
