/**
 * Server-side latency of the order pages' reads, through the product's own lib code, on the
 * configured database (run against PostgreSQL with 1M orders for DESIGN §8):
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/orders-latency.ts
 * Prints p50 / p95 / p99 per operation after a warm-up.
 */
import { eq, sql } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { ITER, measure } from './measure';
import { connectAndMigrate } from '@/db/connect';
import { rowsOf } from '@/db/rows';
import { users } from '@/db/schema';
import { loadActorBySession, createSession } from '@/lib/auth/sessions';
import { getOrder, listOrders } from '@/lib/orders/queries';
import { decrypt } from '@/lib/crypto';

async function main() {
  const { db, kind } = await connectAndMigrate();
  const [agent] = await db.select().from(users).where(eq(users.email, 'agent@example.com'));
  if (!agent) throw new Error('seed the database first (npm run db:seed)');
  const actor = await loadActorBySession(db, await createSession(db, agent.id, { ip: null }));
  const ctx = { actor, ip: null, requestId: 'bench' };
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders`)) as [
    { n: number },
  ];
  console.log(`${kind}, ${n} orders, ${ITER} iterations each\n`);

  // Samples spread over the table.
  const sample = rowsOf<{
    order_no: string;
    tracking_no: string | null;
    recipient_phone_enc: string | null;
    sku: string;
  }>(
    await db.execute(sql`select o.order_no, o.tracking_no, o.recipient_phone_enc, (select sku from order_items i where i.order_id = o.id limit 1) as sku
      from orders o tablesample system (1) where o.tracking_no is not null limit ${ITER + 5}`),
  );
  const pick = (i: number) => sample[i % sample.length]!;
  const page1 = await listOrders({ ctx, input: {} });
  let deep = page1.nextCursor;
  for (let i = 0; i < 40 && deep; i++) deep = (await listOrders({ ctx, input: { cursor: deep } })).nextCursor;

  await measure('list, first page', () => listOrders({ ctx, input: {} }));
  await measure('list, page 41 (keyset)', () => listOrders({ ctx, input: { cursor: deep ?? undefined } }));
  await measure('list, status=shipped', () => listOrders({ ctx, input: { status: 'shipped' } }));
  await measure('list, channel=jd, by amount', () => listOrders({ ctx, input: { channel: 'jd', sort: 'total_desc' } }));
  await measure('search by order number', (i) => listOrders({ ctx, input: { q: pick(i).order_no } }));
  await measure('search by phone', (i) => listOrders({ ctx, input: { q: decrypt(pick(i).recipient_phone_enc!) } }));
  await measure('search by tracking number', (i) => listOrders({ ctx, input: { q: pick(i).tracking_no! } }));
  await measure('search by SKU (field=sku)', (i) => listOrders({ ctx, input: { q: pick(i).sku, field: 'sku' } }));
  await measure('order detail', (i) => getOrder({ ctx, input: { orderNo: pick(i).order_no } }));
  await closeDb();
}

main().catch(async (err) => {
  console.error(err);
  await closeDb().catch(() => {});
  process.exit(1);
});
