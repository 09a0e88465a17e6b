import { describe, expect, it } from 'vitest';
import { addDays, DEFAULT_POLICY, evaluate, evaluateAll, EXCLUSIONS, shopDate, type ItemFacts } from './policy-engine';

const TZ = 'Asia/Shanghai';
// Delivered 24 Nov 2026 at 20:00 Shanghai time (12:00 UTC).
const delivered = new Date('2026-11-24T12:00:00Z');
const item: ItemFacts = { exclusion: null, warrantyDays: 365, deliveredAt: delivered };
/** Noon Shanghai time, n days after the delivery day. */
const day = (n: number) => new Date(Date.UTC(2026, 10, 24 + n, 4, 0, 0));

describe('dates in the shop time zone', () => {
  it('takes the calendar day in Shanghai, not UTC', () => {
    expect(shopDate(new Date('2026-11-24T17:30:00Z'), TZ)).toBe('2026-11-25');
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });
});

describe('7-day no-reason return', () => {
  it('is open through day 7 after delivery and closed on day 8', () => {
    expect(evaluate({ type: 'return_refund', reason: 'no_reason', item, now: day(7), timeZone: TZ })).toEqual({
      eligible: true,
      code: 'no_reason_until',
      until: '2026-12-01',
    });
    expect(evaluate({ type: 'return_refund', reason: 'no_reason', item, now: day(8), timeZone: TZ })).toEqual({
      eligible: false,
      code: 'no_reason_expired',
      until: '2026-12-01',
    });
  });

  it('counts the last day up to midnight shop time', () => {
    const lastMinute = new Date('2026-12-01T15:59:00Z'); // 23:59 in Shanghai
    const firstMinuteAfter = new Date('2026-12-01T16:00:00Z'); // 00:00 on 2 Dec in Shanghai
    expect(evaluate({ type: 'return_refund', reason: 'no_reason', item, now: lastMinute, timeZone: TZ }).eligible).toBe(
      true,
    );
    expect(
      evaluate({ type: 'return_refund', reason: 'no_reason', item, now: firstMinuteAfter, timeZone: TZ }).eligible,
    ).toBe(false);
  });

  it.each(EXCLUSIONS)('excludes %s goods, saying why', (exclusion) => {
    expect(
      evaluate({ type: 'return_refund', reason: 'no_reason', item: { ...item, exclusion }, now: day(1), timeZone: TZ }),
    ).toEqual({
      eligible: false,
      code: `excluded_${exclusion}`,
    });
  });

  it('offers no exchange or repair without a fault', () => {
    expect(evaluate({ type: 'exchange', reason: 'no_reason', item, now: day(1), timeZone: TZ }).code).toBe(
      'type_not_for_reason',
    );
    expect(evaluate({ type: 'repair', reason: 'other', item, now: day(1), timeZone: TZ }).code).toBe(
      'type_not_for_reason',
    );
  });
});

describe('三包 for quality faults', () => {
  const fault = { reason: 'quality_issue' as const, item, timeZone: TZ };
  it('allows return within 7 days, not on day 8', () => {
    expect(evaluate({ ...fault, type: 'return_refund', now: day(7) })).toMatchObject({
      eligible: true,
      until: '2026-12-01',
    });
    expect(evaluate({ ...fault, type: 'return_refund', now: day(8) })).toMatchObject({
      eligible: false,
      code: 'quality_return_expired',
    });
  });

  it('allows exchange through day 15, not day 16', () => {
    expect(evaluate({ ...fault, type: 'exchange', now: day(15) })).toMatchObject({
      eligible: true,
      code: 'quality_exchange_until',
      until: '2026-12-09',
    });
    expect(evaluate({ ...fault, type: 'exchange', now: day(16) })).toMatchObject({
      eligible: false,
      code: 'quality_exchange_expired',
    });
  });

  it('allows repair within the warranty and not a day after it ends', () => {
    expect(evaluate({ ...fault, type: 'repair', now: day(100) })).toMatchObject({
      eligible: true,
      code: 'warranty_repair_until',
      until: '2027-11-24',
    });
    expect(evaluate({ ...fault, type: 'repair', now: day(365) })).toMatchObject({ eligible: true });
    expect(evaluate({ ...fault, type: 'repair', now: day(366) })).toMatchObject({
      eligible: false,
      code: 'warranty_expired',
    });
    expect(evaluate({ ...fault, type: 'repair', item: { ...item, warrantyDays: 0 }, now: day(20) })).toEqual({
      eligible: false,
      code: 'warranty_expired',
      until: undefined,
    });
  });

  it('applies even to goods excluded from no-reason return', () => {
    expect(
      evaluate({ ...fault, type: 'return_refund', item: { ...item, exclusion: 'perishable' }, now: day(2) }).eligible,
    ).toBe(true);
  });
});

describe('before delivery and lost parcels', () => {
  const undelivered = { ...item, deliveredAt: null };
  it('offers a refund (or a reissue for a lost parcel) only', () => {
    expect(evaluate({ type: 'refund_only', reason: 'other', item: undelivered, now: day(0), timeZone: TZ })).toEqual({
      eligible: true,
      code: 'not_delivered_refund',
    });
    expect(
      evaluate({ type: 'reissue', reason: 'not_received', item: undelivered, now: day(0), timeZone: TZ }).eligible,
    ).toBe(true);
    expect(
      evaluate({ type: 'return_refund', reason: 'no_reason', item: undelivered, now: day(0), timeZone: TZ }),
    ).toEqual({ eligible: false, code: 'not_delivered_yet' });
  });

  it('accepts "not received" after a delivery scan for 15 days', () => {
    expect(evaluate({ type: 'refund_only', reason: 'not_received', item, now: day(15), timeZone: TZ }).eligible).toBe(
      true,
    );
    expect(evaluate({ type: 'refund_only', reason: 'not_received', item, now: day(16), timeZone: TZ }).code).toBe(
      'window_expired',
    );
  });
});

describe('category configuration', () => {
  it('honours other windows and the types a category offers', () => {
    const generous = { ...DEFAULT_POLICY, noReasonDays: 30, allowedTypes: ['return_refund', 'inquiry'] as const };
    expect(
      evaluate({ type: 'return_refund', reason: 'no_reason', item, policy: generous, now: day(30), timeZone: TZ })
        .eligible,
    ).toBe(true);
    expect(
      evaluate({ type: 'exchange', reason: 'quality_issue', item, policy: generous, now: day(1), timeZone: TZ }).code,
    ).toBe('type_not_offered');
    const all = evaluateAll({ reason: 'no_reason', item, now: day(3), timeZone: TZ });
    expect(
      Object.entries(all)
        .filter(([, a]) => a.eligible)
        .map(([t]) => t),
    ).toEqual(['return_refund', 'compensation', 'complaint', 'inquiry']);
  });
});

describe('价保 price protection and 补偿 compensation', () => {
  // Bought on 20 Nov 2026 at 22:00 Shanghai time: the window counts from that calendar day.
  const bought = { ...item, purchasedAt: new Date('2026-11-20T14:00:00Z') };
  const policy = { ...DEFAULT_POLICY, priceProtectionDays: 15 };

  it('refunds a price drop through day N after purchase, with the date, and says no after it', () => {
    const on = (n: number) => new Date(Date.UTC(2026, 10, 20 + n, 4, 0, 0));
    expect(
      evaluate({ type: 'price_protection', reason: 'price_drop', item: bought, policy, now: on(15), timeZone: TZ }),
    ).toEqual({ eligible: true, code: 'price_protection_until', until: '2026-12-05' });
    expect(
      evaluate({ type: 'price_protection', reason: 'price_drop', item: bought, policy, now: on(16), timeZone: TZ }),
    ).toEqual({ eligible: false, code: 'price_protection_expired', until: '2026-12-05' });
    // Not tied to delivery: also before the parcel arrives.
    expect(
      evaluate({
        type: 'price_protection',
        reason: 'price_drop',
        item: { ...bought, deliveredAt: null },
        now: on(1),
        timeZone: TZ,
      }).code,
    ).toBe('price_protection_until');
  });

  it('offers compensation at any time unless the category leaves it out', () => {
    expect(evaluate({ type: 'compensation', reason: 'other', item, now: day(400), timeZone: TZ })).toEqual({
      eligible: true,
      code: 'compensation_open',
    });
    const noComp = { ...DEFAULT_POLICY, allowedTypes: ['return_refund'] as const };
    expect(
      evaluate({ type: 'compensation', reason: 'other', item, policy: noComp, now: day(1), timeZone: TZ }).code,
    ).toBe('type_not_offered');
  });
});
