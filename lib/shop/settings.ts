import 'server-only';
import { eq, ne, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { getDb, type Queryable } from '@/db/client';
import { orders, shopSettings } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { expectVersion, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { DEFAULT_CURRENCY } from './currencies';
import { UpdateCompensationThresholdInput, UpdateShopCurrencyInput } from './schemas';

/** Facts about the shop that every money display, report, export and import reads. */
export type ShopSettings = {
  /** ISO 4217, upper case (`CNY`). Every order is in this currency; one in another is refused. */
  currency: string;
  /** A compensation above this amount (分) waits for approval (approve:compensation:any). */
  compensationApprovalCents: number;
  version: number;
};

/** The default threshold when the settings row is missing: CNY 100.00, as the column default. */
export const DEFAULT_COMPENSATION_APPROVAL_CENTS = 10_000;

/**
 * How long one process trusts its copy. Pages on every instance render money with it, so it is read
 * often and changes almost never; a change made on another instance shows here within this time.
 * Writes that must agree with the currency (order creation, imports) never use the copy: inside a
 * transaction `getShopSettings` reads the row itself (see there).
 */
const CACHE_MS = 15_000;

type Cached = { db: Queryable; value: ShopSettings; at: number };
// On globalThis: Next.js may load this module more than once in a process (see db/client.ts).
const slot = globalThis as typeof globalThis & { __afterdeskShopSettings?: Cached };

/**
 * The shop's settings.
 *
 * - Given the database (or nothing, from a page): a copy cached for a few seconds per process (invalidated at once by
 *   `updateShopCurrency` in this process) — for rendering.
 * - Given an open transaction: the row read now, with a shared lock held until that transaction ends,
 *   so a currency change (which takes it exclusively, then looks for orders in another currency)
 *   either waits for the order being written and sees it, or commits first and the writer reads the
 *   new currency. An order in the wrong currency can therefore never slip in during a change.
 */
export async function getShopSettings(given?: Queryable): Promise<ShopSettings> {
  if (given instanceof PgTransaction) return readSettings(given, true);
  const db = given ?? (await getDb());
  const hit = slot.__afterdeskShopSettings;
  if (hit && hit.db === db && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await readSettings(db, false);
  slot.__afterdeskShopSettings = { db, value, at: Date.now() };
  return value;
}

/** Forget the cached copy (after a change, or in a test that wrote the row itself). */
export function clearShopSettingsCache(): void {
  slot.__afterdeskShopSettings = undefined;
}

/**
 * Order writers hold this advisory lock shared until their transaction ends; a currency change
 * takes it exclusively. Unlike SELECT … FOR SHARE on the settings row, a shared advisory lock
 * writes nothing: a row lock stamps the tuple (a page write per order transaction).
 */
const CURRENCY_LOCK = 4_206_169_012;
/**
 * The shared lock as a select-list item, for writers that fold it into a statement they send
 * anyway (insertOrder's order-number query) and read the currency in a later statement.
 */
export const currencyLockItem = sql`pg_advisory_xact_lock_shared(${CURRENCY_LOCK})`;
const currencyLock = sql`select ${currencyLockItem}`;

async function readSettings(db: Queryable, lock: boolean): Promise<ShopSettings> {
  // Two statements on purpose: the read must take its snapshot after the lock is granted.
  if (lock) await db.execute(currencyLock);
  const [row] = await db
    .select({
      currency: shopSettings.currency,
      compensationApprovalCents: shopSettings.compensationApprovalCents,
      version: shopSettings.version,
    })
    .from(shopSettings)
    .where(eq(shopSettings.id, 1));
  return row
    ? { currency: row.currency, compensationApprovalCents: Number(row.compensationApprovalCents), version: row.version }
    : { currency: DEFAULT_CURRENCY, compensationApprovalCents: DEFAULT_COMPENSATION_APPROVAL_CENTS, version: 0 };
}

/**
 * The approval threshold, read now with the caller's handle (a compensation verb's transaction):
 * without the currency lock, which a compensation has nothing to do with.
 */
export async function compensationApprovalCents(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ cents: shopSettings.compensationApprovalCents })
    .from(shopSettings)
    .where(eq(shopSettings.id, 1));
  return row ? Number(row.cents) : DEFAULT_COMPENSATION_APPROVAL_CENTS;
}

/**
 * An admin sets the amount above which a compensation needs approval (#18). Audited. Last write
 * wins: one number that no second field depends on, so it leaves the row's version (which guards
 * the currency change) alone.
 */
export async function updateCompensationThreshold({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ShopSettings> {
  authorize(ctx.actor, 'manage:shop:any');
  const data = parseInput(UpdateCompensationThresholdInput, input);
  try {
    return await transaction(async (tx) => {
      await tx.insert(shopSettings).values({ id: 1 }).onConflictDoNothing();
      const [row] = await tx.select().from(shopSettings).where(eq(shopSettings.id, 1)).for('update');
      if (!row) throw new Error('shop_settings row missing');
      await tx
        .update(shopSettings)
        .set({ compensationApprovalCents: data.compensationApprovalCents, updatedAt: new Date() })
        .where(eq(shopSettings.id, 1));
      await recordAudit(tx, ctx, {
        action: 'shop.compensation_threshold',
        entityType: 'shop_settings',
        entityId: '1',
        before: { compensationApprovalCents: Number(row.compensationApprovalCents) },
        after: { compensationApprovalCents: data.compensationApprovalCents },
      });
      return {
        currency: row.currency,
        compensationApprovalCents: data.compensationApprovalCents,
        version: row.version,
      };
    });
  } finally {
    clearShopSettingsCache();
  }
}

/**
 * An admin sets the shop currency. Refused (`currency_in_use`) while any order — in the bin too,
 * since it may be restored — is in another currency: reports sum amounts, and a sum across
 * currencies means nothing. In practice the currency is chosen before the first order moves in.
 */
export async function updateShopCurrency({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ShopSettings> {
  authorize(ctx.actor, 'manage:shop:any');
  const data = parseInput(UpdateShopCurrencyInput, input);
  try {
    return await transaction(async (tx) => {
      // Waits for order writers holding the lock shared, then sees their orders.
      await tx.execute(sql`select pg_advisory_xact_lock(${CURRENCY_LOCK})`);
      let [row] = await tx.select().from(shopSettings).where(eq(shopSettings.id, 1)).for('update');
      if (!row) {
        [row] = await tx.insert(shopSettings).values({ id: 1 }).onConflictDoNothing().returning();
        row ??= (await tx.select().from(shopSettings).where(eq(shopSettings.id, 1)).for('update'))[0];
      }
      if (!row) throw new Error('shop_settings row missing');
      expectVersion(row.version, data.version);
      const [other] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(ne(orders.currency, data.currency))
        .limit(1);
      if (other) throw new ValidationError({ currency: ['currency_in_use'] }, 'currency_in_use');
      const version = row.version + 1;
      await tx
        .update(shopSettings)
        .set({ currency: data.currency, version, updatedAt: new Date() })
        .where(eq(shopSettings.id, 1));
      await recordAudit(tx, ctx, {
        action: 'shop.currency',
        entityType: 'shop_settings',
        entityId: '1',
        before: { currency: row.currency },
        after: { currency: data.currency },
      });
      return { currency: data.currency, compensationApprovalCents: Number(row.compensationApprovalCents), version };
    });
  } finally {
    // Also after a failure: a conflict means the copy here may be stale.
    clearShopSettingsCache();
  }
}
