/**
 * Server-side latency of the feedback inbox and statistics through the lib code, at 200k feedback:
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/feedback-latency.ts
 * Without enough feedback in the database it first generates it (one SQL statement per table:
 * customers, surveys, feedback over the last year with realistic kinds, scores and words).
 */
import { eq, sql } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { rowsOf } from '@/db/rows';
import { seedDatabase, SEED_SIZES } from '@/db/seed';
import { feedbackCategories, users } from '@/db/schema';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { refreshRollups } from '@/lib/analytics/rollup';
import { listFeedback } from '@/lib/feedback/queries';
import { feedbackStats } from '@/lib/feedback/stats';
import { ITER, measure } from './measure';

const TARGET = Number(process.env.FEEDBACK_ROWS ?? 200_000);

async function main() {
  const { db, kind } = await connectAndMigrate();
  const [agentRow] = await db.select().from(users).where(eq(users.email, 'supervisor@example.com'));
  if (!agentRow) await seedDatabase(db, { ...SEED_SIZES.small, orders: 0 });
  const [supervisor] = await db.select().from(users).where(eq(users.email, 'supervisor@example.com'));
  const ctx = {
    actor: await loadActorBySession(db, await createSession(db, supervisor!.id, { ip: null })),
    ip: null,
    requestId: 'bench',
  };

  const have = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from feedback`))[0]!.n;
  if (have < TARGET) {
    const t0 = performance.now();
    await db.execute(sql`insert into customers (name, email) select 'Bench ' || g, 'bench' || g || '@example.com' from generate_series(1, 20000) g
      where not exists (select 1 from customers where email = 'bench1@example.com')`);
    const missing = TARGET - have;
    // Kinds: 45% CSAT, 35% NPS, the rest free feedback; scores skewed good; a year of dates.
    await db.execute(sql`
      with c as (select array_agg(id) ids from (select id from customers where email like 'bench%@example.com' limit 20000) x),
           cat as (select array_agg(id) ids from feedback_categories),
           ag as (select array_agg(id) ids from users where role in ('agent', 'supervisor')),
           vocab as (select array['物流', '快递', '客服', '态度', '质量', '包装', '退款', '很快', 'delivery', 'refund', 'quality', 'support', '价格', '耐心', '破损', '太慢'] w)
      insert into feedback (kind, customer_id, agent_id, score, comment, words, category_id, classified_by, status, created_at, updated_at)
      select k::feedback_kind, c.ids[1 + (g % array_length(c.ids, 1))],
        case when k = 'csat' then ag.ids[1 + (g % array_length(ag.ids, 1))] end,
        case when k = 'csat' then (array[5,5,5,5,4,4,4,3,2,1])[1 + (g % 10)] when k = 'nps' then (array[10,10,9,9,9,8,8,7,6,5,3,0])[1 + (g % 12)] end,
        case when g % 3 = 0 then '' else vocab.w[1 + (g % 16)] || ' ' || vocab.w[1 + ((g / 16) % 16)] end,
        case when g % 3 = 0 then '{}'::text[] else array[vocab.w[1 + (g % 16)], vocab.w[1 + ((g / 16) % 16)]] end,
        case when g % 3 = 0 then null else cat.ids[1 + (g % greatest(1, coalesce(array_length(cat.ids, 1), 1)))] end,
        'rule', (array['new','reviewed','actioned','actioned'])[1 + (g % 4)]::feedback_status,
        now() - make_interval(secs => (g::float / ${missing}) * 365 * 86400), now()
      from generate_series(1, ${missing}) g, c, cat, ag, vocab,
        lateral (select case when g % 20 < 9 then 'csat' when g % 20 < 16 then 'nps' else (array['suggestion','complaint','praise','other'])[1 + (g % 4)] end as k) kk`);
    await db.execute(sql`insert into surveys (kind, customer_id, offered_at, expires_at, answered_at)
      select kind::text::survey_kind, customer_id, created_at - interval '1 day', created_at + interval '13 days', created_at
      from feedback where kind in ('csat', 'nps') and survey_id is null`);
    await db.execute(sql`analyze`);
    console.log(`generated ${missing} feedback rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // The app's job keeps the rollups current; here, bring them up to date once (a year of days).
  const r0 = performance.now();
  const days = await refreshRollups();
  if (days) console.log(`rolled up ${days} days in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
  const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from feedback`))[0]!.n;
  const [category] = await db.select({ id: feedbackCategories.id }).from(feedbackCategories).limit(1);
  console.log(`${kind}, ${n} feedback, ${ITER} iterations each\n`);
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const first = await listFeedback({ ctx, input: {} });
  let deep = first.nextCursor;
  for (let i = 0; i < 40 && deep; i++) deep = (await listFeedback({ ctx, input: { cursor: deep } })).nextCursor;
  await measure('inbox: first page', () => listFeedback({ ctx, input: {} }));
  await measure('inbox: page 41', () => listFeedback({ ctx, input: { cursor: deep ?? undefined } }));
  await measure('inbox: low scores', () => listFeedback({ ctx, input: { band: 'low' } }));
  await measure('inbox: complaints, new', () => listFeedback({ ctx, input: { kind: 'complaint', status: 'new' } }));
  if (category) await measure('inbox: one category', () => listFeedback({ ctx, input: { categoryId: category.id } }));
  await measure('inbox: last 7 days, CSAT', () =>
    listFeedback({ ctx, input: { kind: 'csat', from: day(7), to: day(0) } }),
  );
  await measure('statistics: 30 days', () => feedbackStats({ ctx, input: { from: day(29), to: day(0) } }));
  await measure('statistics: 90 days', () => feedbackStats({ ctx, input: { from: day(89), to: day(0) } }));
  await closeDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
