import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, orders } from '@/db/schema';
import { applyCaseAction } from '@/lib/cases/mutations';
import { CASE_TYPES } from '@/lib/cases/workflow';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { saveCategoryPolicy } from '@/lib/returns/policies';
import { addDays, shopDate } from '@/lib/returns/policy-engine';
import { updateCompensationThreshold } from '@/lib/shop/settings';
import { createTestProduct, createTestUser, ctxFor } from './factories';

/**
 * What the after-sales money tests (#18 items 5–7) share: staff of each role, a product in a
 * category of its own that offers every case type with 15 days of price protection, and the shop's
 * compensation threshold at THRESHOLD.
 */
export const THRESHOLD = 5_000;

export async function setUpMoneyCases() {
  const agent = await ctxFor(await createTestUser({ role: 'agent' }));
  const supervisor = await ctxFor(await createTestUser({ role: 'supervisor' }));
  const admin = await ctxFor(await createTestUser({ role: 'admin' }));
  const stranger = await ctxFor(await createTestUser({ role: 'customer' }));
  const category = `money-${randomUUID().slice(0, 8)}`;
  const sku = (await createTestProduct({ priceCents: 10_000, category })).sku;
  await saveCategoryPolicy({
    ctx: admin,
    input: {
      category,
      version: 0,
      noReasonDays: 7,
      qualityReturnDays: 7,
      qualityExchangeDays: 15,
      priceProtectionDays: 15,
      allowedTypes: [...CASE_TYPES],
    },
  });
  await updateCompensationThreshold({ ctx: admin, input: { compensationApprovalCents: THRESHOLD } });
  return { agent, supervisor, admin, stranger, sku };
}

/** The shop-calendar date `days` after an instant: how policy answers state their last day. */
export const policyDate = (at: Date, days: number) => addDays(shopDate(at, env().SHOP_TIMEZONE), days);

export async function caseRow(caseNo: string) {
  const db = await getDb();
  return (await db.select().from(cases).where(eq(cases.caseNo, caseNo)))[0]!;
}

export async function act(ctx: Ctx, caseNo: string, action: string, extra: Record<string, unknown> = {}) {
  return applyCaseAction({ ctx, input: { caseNo, version: (await caseRow(caseNo)).version, action, ...extra } });
}

/** Moves the order's purchase back by some days (the price-protection window counts from it). */
export async function boughtDaysAgo(orderNo: string, days: number) {
  const db = await getDb();
  await db
    .update(orders)
    .set({ placedAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(orders.orderNo, orderNo));
  const [o] = await db.select({ placedAt: orders.placedAt }).from(orders).where(eq(orders.orderNo, orderNo));
  return o!.placedAt;
}
