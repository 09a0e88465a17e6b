import { dateTimeFormat } from '@/lib/intl';
import { CASE_TYPES, type CaseType } from '@/lib/cases/workflow';

/**
 * The return-policy engine: may this customer open this kind of case for this item now, and why?
 * Pure and deterministic (the clock and time zone are inputs), so every rule is tested at its
 * boundary. Consumer-law defaults (PRC): 7-day no-reason return counted from the day after
 * delivery, with statutory exclusions; 三包 for quality faults — return, exchange or repair within
 * 7 days, exchange or repair within 15, repair within the warranty.
 */
export const CASE_REASONS = [
  'no_reason',
  'quality_issue',
  'damaged_in_transit',
  'wrong_item',
  'missing_item',
  'not_as_described',
  'not_received',
  // 价保: the price fell after purchase.
  'price_drop',
  'other',
] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

/** Reasons where the merchant is at fault: the 三包 windows apply instead of the no-reason window. */
const SELLER_FAULT: readonly CaseReason[] = [
  'quality_issue',
  'damaged_in_transit',
  'wrong_item',
  'missing_item',
  'not_as_described',
];

export const EXCLUSIONS = ['custom_made', 'perishable', 'digital', 'periodical', 'confirmed'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** Per product category, configured by admins. */
export type CategoryPolicy = {
  noReasonDays: number;
  qualityReturnDays: number;
  qualityExchangeDays: number;
  /** 价保: a lower price within this many days of purchase is refunded (counted like the others). */
  priceProtectionDays: number;
  /** Case types customers may request for this category at all. */
  allowedTypes: readonly CaseType[];
};

export const DEFAULT_POLICY: CategoryPolicy = {
  noReasonDays: 7,
  qualityReturnDays: 7,
  qualityExchangeDays: 15,
  priceProtectionDays: 7,
  allowedTypes: CASE_TYPES,
};

export type ItemFacts = {
  /** Statutory exclusion from no-reason return, if any (product flag or confirmed at purchase). */
  exclusion: Exclusion | null;
  warrantyDays: number;
  deliveredAt: Date | null;
  /** When the order was placed: the price-protection window counts from it. */
  purchasedAt?: Date | null;
};

export type PolicyAnswer =
  { eligible: true; code: string; until?: string } | { eligible: false; code: string; until?: string };

/** The calendar date (YYYY-MM-DD) of an instant in the shop's time zone. */
export function shopDate(at: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Eligibility of one case type for one item. "Within N days" counts from the day after delivery,
 * so delivery on 24 Nov with N = 7 allows requests through 1 Dec (shop time), inclusive.
 */
export function evaluate(input: {
  type: CaseType;
  reason: CaseReason;
  item: ItemFacts;
  policy?: CategoryPolicy;
  now: Date;
  timeZone: string;
}): PolicyAnswer {
  const policy = input.policy ?? DEFAULT_POLICY;
  const { type, reason, item } = input;
  if (!policy.allowedTypes.includes(type)) return { eligible: false, code: 'type_not_offered' };
  if (type === 'complaint' || type === 'inquiry') return { eligible: true, code: 'always_open' };
  // A goodwill or service compensation moves no goods: it can be asked for at any time.
  if (type === 'compensation') return { eligible: true, code: 'compensation_open' };
  if (type === 'price_protection') {
    // 价保 counts from the purchase, not the delivery: the customer compares with today's price.
    if (!item.purchasedAt) return { eligible: false, code: 'type_not_for_reason' };
    const until = addDays(shopDate(item.purchasedAt, input.timeZone), policy.priceProtectionDays);
    return shopDate(input.now, input.timeZone) <= until
      ? { eligible: true, code: 'price_protection_until', until }
      : { eligible: false, code: 'price_protection_expired', until };
  }

  if (!item.deliveredAt) {
    // Before delivery the customer can only get their money back (or a reissue if it was lost).
    if (type === 'refund_only') return { eligible: true, code: 'not_delivered_refund' };
    if (type === 'reissue' && reason === 'not_received') return { eligible: true, code: 'not_delivered_reissue' };
    return { eligible: false, code: 'not_delivered_yet' };
  }

  const today = shopDate(input.now, input.timeZone);
  const delivered = shopDate(item.deliveredAt, input.timeZone);
  const within = (days: number) => {
    const until = addDays(delivered, days);
    return { ok: today <= until, until };
  };

  if (reason === 'not_received') {
    const w = within(policy.qualityExchangeDays);
    if (!w.ok) return { eligible: false, code: 'window_expired', until: w.until };
    return type === 'refund_only' || type === 'reissue'
      ? { eligible: true, code: 'not_received_until', until: w.until }
      : { eligible: false, code: 'type_not_for_reason' };
  }

  if (SELLER_FAULT.includes(reason)) {
    const ret = within(policy.qualityReturnDays);
    const exch = within(policy.qualityExchangeDays);
    const warranty = within(item.warrantyDays);
    switch (type) {
      case 'return_refund':
      case 'refund_only':
        return ret.ok
          ? { eligible: true, code: 'quality_return_until', until: ret.until }
          : { eligible: false, code: 'quality_return_expired', until: ret.until };
      case 'exchange':
      case 'reissue':
        return exch.ok
          ? { eligible: true, code: 'quality_exchange_until', until: exch.until }
          : { eligible: false, code: 'quality_exchange_expired', until: exch.until };
      case 'repair':
        if (exch.ok) return { eligible: true, code: 'quality_exchange_until', until: exch.until };
        return item.warrantyDays > 0 && warranty.ok
          ? { eligible: true, code: 'warranty_repair_until', until: warranty.until }
          : { eligible: false, code: 'warranty_expired', until: item.warrantyDays > 0 ? warranty.until : undefined };
    }
  }

  // No fault of the merchant: only the 7-day no-reason return, and only for returnable goods.
  if (type !== 'return_refund') return { eligible: false, code: 'type_not_for_reason' };
  if (item.exclusion) return { eligible: false, code: `excluded_${item.exclusion}` };
  const w = within(policy.noReasonDays);
  return w.ok
    ? { eligible: true, code: 'no_reason_until', until: w.until }
    : { eligible: false, code: 'no_reason_expired', until: w.until };
}

/** The answer for every case type, for the request form ("which types are allowed and why"). */
export function evaluateAll(input: Omit<Parameters<typeof evaluate>[0], 'type'> & { types?: readonly CaseType[] }) {
  const types = input.types ?? CASE_TYPES;
  return Object.fromEntries(types.map((type) => [type, evaluate({ ...input, type })])) as Record<
    CaseType,
    PolicyAnswer
  >;
}
