import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { feedback, products, surveys } from '@/db/schema';
import { createTestProduct, createTestUser, ctxFor, orderOfNewCustomer } from '@/test/factories';
import { refreshRollups } from './rollup';

/**
 * Each rollup figure must equal an independent aggregate of the raw rows, also after edits,
 * deletions and moves between days. The test works on days of a year long past, chosen per run,
 * so that other test files writing feedback "now" cannot touch them.
 */
const year = 1960 + Math.floor(Math.random() * 25); // fixed UTC+8 in Shanghai: no DST, no local mean time
const dayOf = (d: number) => `${year}-03-${String(d).padStart(2, '0')}`;
const at = (d: number, hour: number) => new Date(`${dayOf(d)}T${String(hour).padStart(2, '0')}:30:00+08:00`);

let customerId: string;
let productId: string;
let agentId: string;

async function rawFigures(day: string) {
  const db = await getDb();
  const range = sql`created_at >= (${day}::date)::timestamp at time zone 'Asia/Shanghai' and created_at < (${day}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  const q = async (query: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await db.execute(query));
  return {
    byScore: await q(
      sql`select kind::text as kind, score, category_id::text as category, count(*)::int as n from feedback where ${range} group by 1, 2, 3 order by 1, 2, 3`,
    ),
    products: await q(
      sql`select product_id::text as product, count(*)::int as total, count(*) filter (where kind = 'csat' and score >= 4)::int as good from feedback where ${range} and product_id is not null group by 1 order by 1`,
    ),
    agents: await q(
      sql`select agent_id::text as agent, count(*)::int as n, count(*) filter (where score >= 4)::int as good from feedback where ${range} and kind = 'csat' and agent_id is not null group by 1 order by 1`,
    ),
    words: await q(
      sql`select w as word, count(*)::int as n from feedback f, unnest(f.words) w where ${range} group by 1 order by 1`,
    ),
    offered: await q(
      sql`select kind::text as kind, count(*)::int as n from surveys where offered_at >= (${day}::date)::timestamp at time zone 'Asia/Shanghai' and offered_at < (${day}::date + 1)::timestamp at time zone 'Asia/Shanghai' group by 1 order by 1`,
    ),
  };
}

async function rolledUp(day: string) {
  const db = await getDb();
  const q = async (query: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await db.execute(query));
  return {
    byScore: await q(
      sql`select kind, score, category_id::text as category, sum(n)::int as n from rollup_feedback_daily where day = ${day} group by 1, 2, 3 order by 1, 2, 3`,
    ),
    products: await q(
      sql`select product_id::text as product, sum(total)::int as total, sum(csat_good)::int as good from rollup_feedback_products_daily where day = ${day} group by 1 order by 1`,
    ),
    agents: await q(
      sql`select agent_id::text as agent, sum(csat_n)::int as n, sum(csat_good)::int as good from rollup_feedback_agents_daily where day = ${day} group by 1 order by 1`,
    ),
    words: await q(
      sql`select word, sum(n)::int as n from rollup_feedback_words_daily where day = ${day} group by 1 order by 1`,
    ),
    offered: await q(
      sql`select kind, sum(offered)::int as n from rollup_surveys_daily where day = ${day} group by 1 order by 1`,
    ),
  };
}

beforeAll(async () => {
  const agent = await createTestUser({ role: 'agent' });
  agentId = agent.id;
  const p = await createTestProduct();
  const db = await getDb();
  productId = (await db.select({ id: products.id }).from(products).where(eq(products.sku, p.sku)))[0]!.id;
  customerId = (await orderOfNewCustomer(await ctxFor(agent), p.sku)).customerId;
});

describe('feedback rollups', () => {
  it('equal the raw aggregates of each day, after inserts, edits, moves and deletions', async () => {
    const db = await getDb();
    const rows = await db
      .insert(feedback)
      .values([
        {
          kind: 'csat',
          score: 5,
          customerId,
          agentId,
          productId,
          comment: 'great support',
          words: ['great', 'support'],
          createdAt: at(3, 9),
        },
        {
          kind: 'csat',
          score: 2,
          customerId,
          agentId,
          productId,
          comment: 'slow support',
          words: ['slow', 'support'],
          createdAt: at(3, 23),
        },
        { kind: 'nps', score: 9, customerId, productId, createdAt: at(3, 0) },
        {
          kind: 'complaint',
          customerId,
          productId,
          comment: 'late parcel',
          words: ['late', 'parcel'],
          createdAt: at(4, 12),
        },
      ])
      .returning({ id: feedback.id });
    await db.insert(surveys).values([
      { kind: 'csat', customerId, offeredAt: at(3, 8), expiresAt: at(20, 0) },
      { kind: 'nps', customerId, offeredAt: at(4, 1), expiresAt: at(20, 0) },
    ]);
    await refreshRollups({ waitForOthers: true });
    // 23:00 and 00:00 shop time fall on the right days although they are other UTC dates.
    expect((await rolledUp(dayOf(3))).byScore).toHaveLength(3);
    for (const d of [3, 4]) expect(await rolledUp(dayOf(d))).toEqual(await rawFigures(dayOf(d)));

    // Re-score, move a row to the next day, delete another: both days follow.
    await db.update(feedback).set({ score: 4 }).where(eq(feedback.id, rows[1]!.id));
    await db
      .update(feedback)
      .set({ createdAt: at(4, 15) })
      .where(eq(feedback.id, rows[0]!.id));
    await db.delete(feedback).where(eq(feedback.id, rows[2]!.id));
    await refreshRollups({ waitForOthers: true });
    for (const d of [3, 4]) expect(await rolledUp(dayOf(d))).toEqual(await rawFigures(dayOf(d)));
    expect((await rolledUp(dayOf(4))).agents).toEqual([{ agent: agentId, n: 1, good: 1 }]);

    // The last row of a day gone: the day has no rollup rows left.
    await db.delete(feedback).where(eq(feedback.id, rows[1]!.id));
    await refreshRollups({ waitForOthers: true });
    expect((await rolledUp(dayOf(3))).byScore).toEqual([]);
    expect(await rolledUp(dayOf(3))).toEqual(await rawFigures(dayOf(3)));
  });

  it('leaves nothing dirty once refreshed', async () => {
    const db = await getDb();
    await db
      .insert(feedback)
      .values({ kind: 'praise', customerId, comment: 'thanks', words: ['thanks'], createdAt: at(9, 10) });
    const dirty = async () =>
      rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from rollup_dirty where at < ${`${year + 1}-01-01`}::timestamptz and at >= ${`${year}-01-01`}::timestamptz`,
        ),
      )[0]!.n;
    expect(await dirty()).toBeGreaterThan(0);
    await refreshRollups({ waitForOthers: true });
    expect(await dirty()).toBe(0);
    expect(await rolledUp(dayOf(9))).toEqual(await rawFigures(dayOf(9)));
  });
});
