import { returnPolicies } from '../schema';
import type { Db } from '../client';
import { DEFAULT_POLICY } from '@/lib/returns/policy-engine';

/**
 * The demo shop's return policies where they differ from the statutory defaults: longer 价保 for
 * goods whose prices move (electronics 15 days, large appliances 30, home 15); every other
 * category keeps the defaults (7 days). A policy an admin has saved is left alone.
 */
const PRICE_PROTECTION_DAYS: Record<string, number> = { electronics: 15, appliances: 30, home: 15 };

export async function seedReturnPolicies(db: Db): Promise<void> {
  await db
    .insert(returnPolicies)
    .values(
      Object.entries(PRICE_PROTECTION_DAYS).map(([category, days]) => ({
        category,
        noReasonDays: DEFAULT_POLICY.noReasonDays,
        qualityReturnDays: DEFAULT_POLICY.qualityReturnDays,
        qualityExchangeDays: DEFAULT_POLICY.qualityExchangeDays,
        priceProtectionDays: days,
        allowedTypes: [...DEFAULT_POLICY.allowedTypes],
      })),
    )
    .onConflictDoNothing();
}
