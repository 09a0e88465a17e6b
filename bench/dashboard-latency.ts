/**
 * Server-side latency of the supervisor dashboard through the lib code:
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/dashboard-latency.ts
 * (run bench/generate.ts first). Measures 30 / 90 / 365-day periods, with and without filters, and
 * the repeat-customers list the page streams in after it.
 */
import { eq, sql } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { rowsOf } from '@/db/rows';
import { teams, users } from '@/db/schema';
import { getDashboard, getRepeatCustomers } from '@/lib/analytics/dashboard';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { ITER, measure } from './measure';

async function main() {
  const { db, kind } = await connectAndMigrate();
  const [supervisor] = await db.select().from(users).where(eq(users.email, 'supervisor@example.com'));
  const ctx = {
    actor: await loadActorBySession(db, await createSession(db, supervisor!.id, { ip: null })),
    ip: null,
    requestId: 'bench',
  };
  const n = rowsOf<{ o: number; c: number }>(
    await db.execute(sql`select (select count(*) from orders)::int as o, (select count(*) from cases)::int as c`),
  )[0]!;
  console.log(`${kind}, ${n.o} orders, ${n.c} cases, ${ITER} iterations each\n`);
  const today = new Date().toISOString().slice(0, 10);
  const ago = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const [team] = await db.select({ id: teams.id }).from(teams).limit(1);
  await measure('dashboard: 30 days', () => getDashboard({ ctx, input: { from: ago(29), to: today } }));
  await measure('dashboard: 90 days', () => getDashboard({ ctx, input: { from: ago(89), to: today } }));
  await measure('dashboard: 90 days, channel', () =>
    getDashboard({ ctx, input: { from: ago(89), to: today, channel: 'tmall' } }),
  );
  await measure('dashboard: 90 days, category', () =>
    getDashboard({ ctx, input: { from: ago(89), to: today, category: 'electronics' } }),
  );
  if (team)
    await measure('dashboard: 90 days, team', () =>
      getDashboard({ ctx, input: { from: ago(89), to: today, teamId: team.id } }),
    );
  await measure('dashboard: 365 days', () => getDashboard({ ctx, input: { from: ago(364), to: today } }));
  // Streamed after the dashboard (its own Suspense boundary): the one figure read from cases.
  await measure('repeat customers: 90 days', () => getRepeatCustomers({ ctx, input: { from: ago(89), to: today } }));
  await measure('repeat customers: 90 days, channel', () =>
    getRepeatCustomers({ ctx, input: { from: ago(89), to: today, channel: 'tmall' } }),
  );
  await closeDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
