import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '../client';
import { auditEvents, orders, shopSettings, teamMembers, teams, users } from '../schema';
import { seedFeedback, seedFeedbackTaxonomy } from './feedback';
import { seedCases } from './cases';
import { seedHelpCenter } from './help';
import { seedReturnPolicies } from './policies';
import { seedCannedReplies } from './replies';
import { seedOrders } from './orders';
import { personName } from './names';
import { createRandom } from './random';

export const DEMO_PASSWORD = 'afterdesk-demo';

export const DEMO_ACCOUNTS = [
  { email: 'admin@example.com', name: '系统管理员 Admin', role: 'admin' },
  { email: 'supervisor@example.com', name: '陈主管 Chen', role: 'supervisor' },
  { email: 'agent@example.com', name: '李客服 Li', role: 'agent' },
  { email: 'customer@example.com', name: '王小明', role: 'customer' },
] as const;

export const SEED_SIZES = {
  small: { agents: 8, customers: 40, orders: 400 },
  medium: { agents: 30, customers: 500, orders: 20_000 },
  large: { agents: 100, customers: 5000, orders: 200_000 },
} as const;
export type SeedSize = keyof typeof SEED_SIZES;

const TEAMS = [
  // Returns are picked up by hand from the queue; repairs go to the least loaded technician;
  // complaints and questions take turns among the care team.
  {
    name: '退换货组 Returns',
    description: '退货、换货、退款与价保 / Returns, exchanges, refunds and price protection',
    caseTypes: ['refund_only', 'return_refund', 'exchange', 'price_protection'],
    assignmentMode: 'manual',
  },
  {
    name: '维修与三包 Repairs',
    description: '维修、补发与三包 / Repairs, reissues and warranty',
    caseTypes: ['repair', 'reissue'],
    assignmentMode: 'least_loaded',
  },
  {
    name: '客诉与咨询 Care',
    description: '投诉、咨询与补偿 / Complaints, inquiries and compensation',
    caseTypes: ['complaint', 'inquiry', 'compensation'],
    assignmentMode: 'round_robin',
  },
];

export type SeedOptions = {
  agents: number;
  customers: number;
  /** Orders to add. Unless `appendOrders`, they are only added to a database without orders. */
  orders?: number;
  appendOrders?: boolean;
  seed?: number;
};
export type SeedReport = { usersCreated: number; teamsCreated: number; ordersCreated: number };

/**
 * Deterministic demo data: the four demo accounts, teams, and generated agents and customers.
 * Idempotent: rows that already exist (by e-mail or team name) are left untouched, so running it
 * twice changes nothing.
 */
export const DEMO_SHOP_NAME = '悦享生活旗舰店';

export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedReport> {
  const random = createRandom(options.seed ?? 20261124);
  // One hash shared by every seeded account: hashing thousands of passwords would take minutes,
  // and they all share the documented demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const generated: { email: string; name: string; role: 'agent' | 'customer' }[] = [];
  for (let i = 1; i <= options.agents; i++) {
    const p = personName(random, i);
    generated.push({ email: `${p.emailLocal}@staff.example.com`, name: p.name, role: 'agent' });
  }
  for (let i = 1; i <= options.customers; i++) {
    const p = personName(random, i);
    generated.push({ email: `${p.emailLocal}@mail.example.com`, name: p.name, role: 'customer' });
  }

  const report = await db.transaction(async (tx) => {
    let usersCreated = 0;
    const all = [...DEMO_ACCOUNTS.map((a) => ({ ...a })), ...generated];
    for (let i = 0; i < all.length; i += 500) {
      const batch = all.slice(i, i + 500).map((u) => ({ email: u.email, name: u.name, role: u.role, passwordHash }));
      const inserted = await tx
        .insert(users)
        .values(batch)
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      usersCreated += inserted.length;
    }
    const insertedTeams = await tx
      .insert(teams)
      .values(TEAMS)
      .onConflictDoNothing({ target: teams.name })
      .returning({ id: teams.id });

    // Staff spread over the teams: the demo agent in the first two, the supervisor in all. Only the
    // seed's own accounts: anyone else in the database (real staff, other tests) is left alone.
    const teamRows = await tx.select({ id: teams.id, name: teams.name }).from(teams);
    const staff = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        sql`${users.role} in ('agent', 'supervisor') and (${users.email} in ('agent@example.com', 'supervisor@example.com') or ${users.email} like '%@staff.example.com')`,
      );
    const memberships: { teamId: string; userId: string }[] = [];
    const teamIds = TEAMS.map((t) => teamRows.find((r) => r.name === t.name)?.id).filter((x): x is string => !!x);
    staff.forEach((s, i) => {
      if (s.email === 'supervisor@example.com') teamIds.forEach((teamId) => memberships.push({ teamId, userId: s.id }));
      else if (s.email === 'agent@example.com')
        teamIds.slice(0, 2).forEach((teamId) => memberships.push({ teamId, userId: s.id }));
      else if (teamIds.length) memberships.push({ teamId: teamIds[i % teamIds.length]!, userId: s.id });
    });
    if (memberships.length) await tx.insert(teamMembers).values(memberships).onConflictDoNothing();

    if (usersCreated > 0 || insertedTeams.length > 0) {
      await tx.insert(auditEvents).values({
        actorLabel: 'system',
        action: 'system.seed',
        entityType: 'system',
        changes: { users: { after: usersCreated }, teams: { after: insertedTeams.length } },
      });
    }
    return { usersCreated, teamsCreated: insertedTeams.length };
  });

  await seedCannedReplies(db);
  await seedFeedbackTaxonomy(db);
  await seedReturnPolicies(db);
  await seedHelpCenter(db);
  // The demo shop's name on its public pages; a name an admin has set is kept.
  await db.insert(shopSettings).values({ id: 1 }).onConflictDoNothing();
  await db
    .update(shopSettings)
    .set({ name: DEMO_SHOP_NAME })
    .where(sql`${shopSettings.id} = 1 and ${shopSettings.name} = ''`);
  let ordersCreated = 0;
  if (options.orders) {
    const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(orders);
    if (options.appendOrders || Number(existing?.n ?? 0) === 0) {
      ordersCreated = (await seedOrders(db, { orders: options.orders, seed: options.seed })).orders;
      await seedCases(db, { seed: options.seed });
      await seedFeedback(db, { seed: options.seed });
      await db.insert(auditEvents).values({
        actorLabel: 'system',
        action: 'system.seed',
        entityType: 'order',
        changes: { orders: { after: ordersCreated } },
      });
    }
  }
  return { ...report, ordersCreated };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n ?? 0) === 0;
}
