import { eq, sql } from 'drizzle-orm';
import { encrypt, maskPhone, phoneHash } from '@/lib/crypto';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { customers, orderEvents, orderItems, orders, products, users } from '../schema';
import { CARRIERS, PRODUCTS, REGIONS, STREETS } from './catalog';
import { personName } from './names';
import { createRandom, type Random } from './random';

type Status = typeof orders.$inferInsert.status;
const CHANNELS = [
  ['tmall', 30],
  ['jd', 25],
  ['own_site', 20],
  ['douyin', 15],
  ['pinduoduo', 7],
  ['offline', 3],
] as const;

function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = random.next() * total;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1]![0];
}

function phone(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

/** Status follows age: old orders are finished, recent ones still moving. */
function statusFor(random: Random, ageDays: number): Status {
  if (random.chance(0.03)) return ageDays < 2 ? 'pending_payment' : 'closed';
  if (random.chance(0.03)) return 'cancelled';
  if (ageDays < 1)
    return weighted(random, [
      ['pending_payment', 15],
      ['paid', 60],
      ['shipped', 25],
    ] as const);
  if (ageDays < 4)
    return weighted(random, [
      ['paid', 15],
      ['shipped', 55],
      ['delivered', 30],
    ] as const);
  if (ageDays < 15)
    return weighted(random, [
      ['shipped', 5],
      ['delivered', 60],
      ['completed', 35],
    ] as const);
  return 'completed';
}

export type OrderSeedOptions = { orders: number; seed?: number; days?: number; now?: Date; batch?: number };

/**
 * Realistic orders for the demo and the benchmark: skewed product popularity, channel mix, recent
 * orders more frequent, statuses by age, encrypted contact details. Writes in large multi-row
 * batches (1M orders in a few minutes on PostgreSQL). Order numbers continue the live sequence.
 */
export async function seedOrders(db: Db, opts: OrderSeedOptions): Promise<{ orders: number; customers: number }> {
  if (opts.orders <= 0) return { orders: 0, customers: 0 };
  const random = createRandom((opts.seed ?? 20261124) + 7);
  const now = opts.now ?? new Date();
  const days = opts.days ?? 180;
  const batch = opts.batch ?? 2000;

  await db
    .insert(products)
    .values(PRODUCTS.map((p) => ({ ...p, returnable: p.returnable ?? true, warrantyDays: p.warrantyDays ?? 365 })))
    .onConflictDoNothing();
  const catalog = await db.select().from(products);
  // Zipf-like popularity: the first products sell far more than the last.
  const popularity = catalog.map((p, i) => [p, 1 / (i + 1)] as const);

  // Customers: every portal customer account gets a linked record, plus channel-only buyers.
  const accounts = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, 'customer'));
  const channelOnly = Math.max(10, Math.round(opts.orders / 3));
  type C = { id?: string; userId: string | null; name: string; phone: string; region: string; address: string };
  const people: C[] = [];
  for (const a of accounts) {
    const [linked] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, a.id)).limit(1);
    if (!linked)
      people.push({ userId: a.id, name: a.name, phone: phone(random), region: random.pick(REGIONS), address: '' });
  }
  for (let i = 0; i < channelOnly; i++) {
    people.push({
      userId: null,
      name: personName(random, i).name,
      phone: phone(random),
      region: random.pick(REGIONS),
      address: '',
    });
  }
  for (const p of people)
    p.address = `${random.pick(STREETS)}${random.int(1, 999)}号 ${random.int(1, 30)}栋${random.int(101, 2505)}室`;
  for (let i = 0; i < people.length; i += batch) {
    const slice = people.slice(i, i + batch);
    const ids = await db
      .insert(customers)
      .values(
        slice.map((p) => ({
          userId: p.userId,
          name: p.name,
          phoneEnc: encrypt(p.phone),
          phoneHash: phoneHash(p.phone),
          phoneMasked: maskPhone(p.phone),
          region: p.region,
          addressEnc: encrypt(p.address),
        })),
      )
      .returning({ id: customers.id });
    ids.forEach((r, j) => (slice[j]!.id = r.id));
  }
  const linkedPeople = people.filter((p) => p.userId);
  // The demo customer gets a handful of orders in every state, so the portal shows something real.
  const [demo] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'customer@example.com'));
  const demoPerson = demo ? people.find((p) => p.userId === demo.id) : undefined;

  const startSeq = Number(
    rowsOf<{ n: string }>(await db.execute(sql`select nextval('order_no_seq')::text as n`))[0]!.n,
  );
  let seq = startSeq;
  for (let done = 0; done < opts.orders; done += batch) {
    const n = Math.min(batch, opts.orders - done);
    const orderRows: (typeof orders.$inferInsert)[] = [];
    const itemRows: {
      lines: {
        productId: string;
        sku: string;
        name: string;
        quantity: number;
        unitPriceCents: number;
        lineTotalCents: number;
      }[];
    }[] = [];
    for (let k = 0; k < n; k++) {
      // Demo accounts get a handful of orders each so the portal is not empty.
      const buyer =
        demoPerson && done + k < 8
          ? demoPerson
          : linkedPeople.length && random.chance(Math.min(0.2, (linkedPeople.length * 6) / opts.orders))
            ? random.pick(linkedPeople)
            : random.pick(people);
      const ageDays = Math.pow(random.next(), 1.6) * days;
      const placedAt = new Date(now.getTime() - ageDays * 86_400_000);
      const status = statusFor(random, ageDays);
      const lineCount = weighted(random, [
        [1, 70],
        [2, 22],
        [3, 8],
      ] as const);
      const lines = [];
      const used = new Set<string>();
      for (let l = 0; l < lineCount; l++) {
        const p = weighted(random, popularity);
        if (used.has(p.sku)) continue;
        used.add(p.sku);
        const quantity = random.chance(0.85) ? 1 : random.int(2, 4);
        lines.push({
          productId: p.id,
          sku: p.sku,
          name: p.name,
          quantity,
          unitPriceCents: p.priceCents,
          lineTotalCents: p.priceCents * quantity,
        });
      }
      const itemsTotal = lines.reduce((s, l) => s + l.lineTotalCents, 0);
      const shipping = itemsTotal >= 9900 ? 0 : 1000;
      const discount = random.chance(0.3) ? Math.min(itemsTotal, random.pick([500, 1000, 2000, 5000])) : 0;
      const shipped = ['shipped', 'delivered', 'completed'].includes(status);
      const carrier = random.pick(CARRIERS);
      const dayOf = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
      // Later steps happen after the order, but never in the future.
      const at = (hours: number) => new Date(Math.min(now.getTime(), placedAt.getTime() + hours * 3_600_000));
      orderRows.push({
        orderNo: `SO${dayOf(placedAt)}${String(seq++).padStart(6, '0')}`,
        channel: weighted(random, CHANNELS),
        externalId: null,
        customerId: buyer.id!,
        status,
        itemsTotalCents: itemsTotal,
        shippingCents: shipping,
        discountCents: discount,
        totalCents: itemsTotal + shipping - discount,
        placedAt,
        paidAt: status === 'pending_payment' || status === 'closed' ? null : at(0.1),
        shippedAt: shipped ? at(random.int(4, 40)) : null,
        deliveredAt: status === 'delivered' || status === 'completed' ? at(random.int(48, 96)) : null,
        completedAt: status === 'completed' ? at(random.int(170, 240)) : null,
        cancelledAt: status === 'cancelled' || status === 'closed' ? at(random.int(1, 30)) : null,
        carrier: shipped ? carrier.name : null,
        trackingNo: shipped
          ? `${carrier.prefix}${random.int(10 ** (carrier.digits - 1), 10 ** carrier.digits - 1)}`
          : null,
        recipientName: buyer.name,
        recipientPhoneEnc: encrypt(buyer.phone),
        recipientPhoneHash: phoneHash(buyer.phone),
        recipientPhoneMasked: maskPhone(buyer.phone),
        shippingRegion: buyer.region,
        shippingAddressEnc: encrypt(buyer.address),
        createdAt: placedAt,
        updatedAt: placedAt,
      });
      itemRows.push({ lines });
    }
    const inserted = await db
      .insert(orders)
      .values(orderRows)
      .returning({ id: orders.id, status: orders.status, placedAt: orders.placedAt });
    await db
      .insert(orderItems)
      .values(inserted.flatMap((o, i) => itemRows[i]!.lines.map((l) => ({ orderId: o.id, ...l }))));
    await db.insert(orderEvents).values(
      inserted.map((o) => ({
        orderId: o.id,
        at: o.placedAt,
        actorLabel: 'system',
        kind: 'imported',
        toStatus: o.status,
      })),
    );
  }
  // Live order numbers continue after the seeded ones.
  await db.execute(sql`select setval('order_no_seq', ${seq})`);
  return { orders: opts.orders, customers: people.length };
}
