import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { migrationStatus } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
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

describe('seeded after-sales money (#18)', () => {
  it('has every case type, compensations that add up, freight, replacement tracking and 价保 windows', async () => {
    const db = await getDb();
    // Appended: on a shared PostgreSQL test database other tests' orders are already there.
    await seedDatabase(db, { agents: 3, customers: 40, orders: 1500, appendOrders: true });
    const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
    const types = await rows<{ type: string }>(sql`select distinct type::text as type from cases`);
    expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(['price_protection', 'compensation']));
    // The case's compensation total is exactly its approved compensations.
    const mismatched = await rows<{ n: number }>(sql`
      select count(*)::int as n from cases c
      where c.compensation_cents <> coalesce((select sum(amount_cents) from case_compensations k
        where k.case_id = c.id and k.status = 'approved'), 0)`);
    expect(mismatched[0]!.n).toBe(0);
    const resolvedWithout = await rows<{ n: number }>(sql`
      select count(*)::int as n from cases where type = 'compensation' and status in ('resolved', 'closed') and compensation_cents = 0`);
    expect(resolvedWithout[0]!.n).toBe(0);
    const shipped = await rows<{ n: number; tracked: number }>(sql`
      select count(*)::int as n, count(replacement_tracking_no)::int as tracked from cases
      where type in ('exchange', 'reissue') and status in ('replacement_shipped', 'delivered')`);
    expect(shipped[0]!.tracked).toBe(shipped[0]!.n);
    const freight = await rows<{ n: number }>(
      sql`select count(*)::int as n from cases where return_freight_payer = 'shop' and return_freight_cents > 0`,
    );
    expect(freight[0]!.n).toBeGreaterThan(0);
    const windows = await rows<{ category: string; days: number }>(
      sql`select category, price_protection_days as days from return_policies where category in ('electronics', 'appliances') order by 1`,
    );
    expect(windows).toEqual([
      { category: 'appliances', days: 30 },
      { category: 'electronics', days: 15 },
    ]);
  });
});
