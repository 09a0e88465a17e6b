import 'server-only';
import type { Queryable, Tx } from '@/db/client';
import { channels } from '@/db/schema';
import { AppError, type FieldErrors } from '@/lib/errors';
import { getShopSettings } from '@/lib/shop/settings';
import { LIFECYCLE_TIMES, type CreateOrderData } from './schemas';

/** What an incoming order is checked against: the shop's currency and its channels. */
export type OrderRules = { currency: string; channels: Map<string, { active: boolean }> };

/** Loaded once per request or import (two tiny tables), not once per order. */
export async function loadOrderRules(db: Queryable): Promise<OrderRules> {
  const { currency } = await getShopSettings(db);
  const rows = await db.select({ code: channels.code, active: channels.active }).from(channels);
  return { currency, channels: new Map(rows.map((r) => [r.code, { active: r.active }])) };
}

/**
 * Inside the transaction that writes orders priced in `currency`: the shop currency is still that
 * one, and stays so until the transaction ends (getShopSettings holds a shared lock, and a
 * currency change takes it exclusively), so no order in the old currency lands after a change.
 */
export async function confirmCurrency(tx: Tx, currency: string): Promise<void> {
  const now = await getShopSettings(tx);
  if (now.currency !== currency) throw new AppError('currency_changed', undefined, { currency: now.currency });
}

/** Field errors of an order against the rules: an unknown or retired channel, a foreign currency. */
export function ruleErrors(data: Pick<CreateOrderData, 'channel' | 'currency'>, rules: OrderRules): FieldErrors {
  const errors: FieldErrors = {};
  const channel = rules.channels.get(data.channel);
  if (!channel) errors.channel = ['unknown_channel'];
  else if (!channel.active) errors.channel = ['inactive_channel'];
  if (data.currency && data.currency !== rules.currency) errors.currency = ['currency_mismatch'];
  return errors;
}

type Stamps = {
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
};

/**
 * The lifecycle times to store: those given, and for each step the status has reached but no time
 * was given, the latest earlier time known (at worst the order time). Validation already checked
 * that given times follow one another and fit the status.
 */
export function lifecycleStamps(
  data: Pick<CreateOrderData, 'status' | (typeof LIFECYCLE_TIMES)[number]>,
  placedAt: Date,
): Stamps {
  const s = data.status;
  const reached = {
    paidAt:
      ['paid', 'shipped', 'delivered', 'completed'].includes(s) ||
      ((s === 'cancelled' || s === 'closed') && !!data.paidAt),
    shippedAt:
      ['shipped', 'delivered', 'completed'].includes(s) || ((s === 'cancelled' || s === 'closed') && !!data.shippedAt),
    deliveredAt: ['delivered', 'completed'].includes(s),
    completedAt: s === 'completed',
    cancelledAt: s === 'cancelled' || s === 'closed',
  };
  const out: Stamps = { paidAt: null, shippedAt: null, deliveredAt: null, completedAt: null, cancelledAt: null };
  let last = placedAt;
  for (const key of ['paidAt', 'shippedAt', 'deliveredAt', 'completedAt'] as const) {
    if (!reached[key]) continue;
    out[key] = data[key] ?? last;
    last = out[key]!;
  }
  if (reached.cancelledAt) out.cancelledAt = data.cancelledAt ?? last;
  return out;
}
