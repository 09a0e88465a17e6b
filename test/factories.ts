import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditEvents, productCategories, products, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import type { Role } from '@/lib/authz';
import type { Ctx } from '@/lib/context';

export const TEST_PASSWORD = 'correct horse battery';
let hashed: Promise<string> | undefined;

/** A unique e-mail per call, so tests never collide on a shared PostgreSQL database. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.example.com`;
}

/** A unique client address, so per-address throttling in one test cannot leak into another. */
export function uniqueIp(): string {
  const b = randomUUID().replace(/-/g, '');
  return `10.${parseInt(b.slice(0, 2), 16)}.${parseInt(b.slice(2, 4), 16)}.${parseInt(b.slice(4, 6), 16)}`;
}

export async function createTestUser(opts: { role: Role; email?: string; name?: string; active?: boolean }) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? uniqueEmail(opts.role),
      name: opts.name ?? `Test ${opts.role}`,
      role: opts.role,
      passwordHash: await hashed,
      active: opts.active ?? true,
    })
    .returning();
  return user!;
}

/** A request context for a signed-in user, with a real session row behind it. */
export async function ctxFor(user: { id: string }, ip: string = uniqueIp()): Promise<Ctx> {
  const db = await getDb();
  const sessionId = await createSession(db, user.id, { ip });
  const actor = await loadActorBySession(db, sessionId);
  if (!actor) throw new Error('test user has no usable session');
  return { actor, ip, requestId: `test-${randomUUID()}` };
}

export function anonymousCtx(ip: string = uniqueIp()): Ctx {
  return { actor: null, ip, requestId: `test-${randomUUID()}` };
}

/** An entity's audit events in the order they were written (PostgreSQL returns an unordered scan in any order). */
export async function auditFor(entityId: string) {
  const db = await getDb();
  return db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.id);
}

/** A product category (categories are records since #12); a no-op when it exists. */
export async function ensureTestCategory(code: string) {
  const db = await getDb();
  await db.insert(productCategories).values({ code, nameZh: code, nameEn: code }).onConflictDoNothing();
}

/** A product with a unique SKU. */
export async function createTestProduct(opts: { priceCents?: number; category?: string; name?: string } = {}) {
  const db = await getDb();
  if (opts.category) await ensureTestCategory(opts.category);
  const [p] = await db
    .insert(products)
    .values({
      sku: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
      name: opts.name ?? '测试商品',
      category: opts.category ?? 'electronics',
      priceCents: opts.priceCents ?? 10000,
    })
    .returning();
  return p!;
}

/** A valid order input for `createOrder`, with a unique phone per call. */
export function orderInput(sku: string, overrides: Record<string, unknown> = {}) {
  return {
    channel: 'tmall',
    customer: { name: '王测试', phone: uniquePhone() },
    shippingRegion: '浙江省 杭州市 西湖区',
    shippingAddress: '文三路 100 号',
    items: [{ sku, quantity: 2 }],
    shippingCents: 1000,
    discountCents: 500,
    ...overrides,
  };
}

export function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/**
 * A delivered order (2 × the product) placed by staff and claimed by a new portal customer, who
 * gets an e-mail address on their account. Returns the order number and the customer's context.
 */
export async function orderOfNewCustomer(staff: Ctx, sku: string, overrides: Record<string, unknown> = {}) {
  const { createOrder } = await import('@/lib/orders/mutations');
  const { customers, orders } = await import('@/db/schema');
  const user = await createTestUser({ role: 'customer' });
  const { orderNo } = await createOrder({
    ctx: staff,
    input: orderInput(sku, { status: 'delivered', trackingNo: 'SF1', carrier: '顺丰速运', ...overrides }),
  });
  const db = await getDb();
  const [o] = await db.select({ c: orders.customerId }).from(orders).where(eq(orders.orderNo, orderNo));
  await db.update(customers).set({ userId: user.id }).where(eq(customers.id, o!.c));
  return { orderNo, user, customerId: o!.c, customer: await ctxFor(user) };
}
