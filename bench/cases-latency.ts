/**
 * Server-side latency of the case queue and case detail through the lib code:
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/cases-latency.ts
 */
import { eq, sql } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { ITER, measure } from './measure';
import { connectAndMigrate } from '@/db/connect';
import { rowsOf } from '@/db/rows';
import { users } from '@/db/schema';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { countQueues, getCase, listCases } from '@/lib/cases/queries';

async function main() {
  const { db, kind } = await connectAndMigrate();
  const [agent] = await db.select().from(users).where(eq(users.email, 'agent@example.com'));
  const ctx = {
    actor: await loadActorBySession(db, await createSession(db, agent!.id, { ip: null })),
    ip: null,
    requestId: 'bench',
  };
  const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cases`))[0]!.n;
  console.log(`${kind}, ${n} cases, ${ITER} iterations each\n`);
  const sample = rowsOf<{ case_no: string }>(
    await db.execute(sql`select case_no from cases tablesample system (1) limit ${ITER + 5}`),
  );
  const first = await listCases({ ctx, input: {} });
  let deep = first.nextCursor;
  for (let i = 0; i < 40 && deep; i++) deep = (await listCases({ ctx, input: { cursor: deep } })).nextCursor;
  await measure('queue: all open, first page', () => listCases({ ctx, input: {} }));
  await measure('queue: all open, page 41', () => listCases({ ctx, input: { cursor: deep ?? undefined } }));
  await measure('queue: mine', () => listCases({ ctx, input: { queue: 'mine' } }));
  await measure('queue: unassigned', () => listCases({ ctx, input: { queue: 'unassigned' } }));
  await measure('queue: breached', () => listCases({ ctx, input: { queue: 'breached' } }));
  await measure('queue: all open, deadline soonest', () => listCases({ ctx, input: { sort: 'due' } }));
  await measure('queue: breached, deadline soonest', () =>
    listCases({ ctx, input: { queue: 'breached', sort: 'due' } }),
  );
  await measure('queue counts', () => countQueues({ ctx }));
  // The SLA watch's two selects, run read-only (the real scan also writes what it finds).
  await measure('SLA scan selects', () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select id from cases where status not in ('closed', 'cancelled') and paused_since is null
        and next_due_at < now() and next_due_at > now() - interval '7 days' and sla_alerted_due_at is distinct from next_due_at
        order by next_due_at limit 200`);
      await tx.execute(sql`select id from cases where status not in ('closed', 'cancelled') and paused_since is null
        and next_due_at between now() and now() + interval '2 hours' and assignee_id is not null and sla_warned_due_at is distinct from next_due_at
        order by next_due_at limit 200`);
    }),
  );
  await measure('case detail', (i) => getCase({ ctx, input: { caseNo: sample[i % sample.length]!.case_no } }));
  await closeDb();
}

main().catch(async (err) => {
  console.error(err);
  await closeDb().catch(() => {});
  process.exit(1);
});
