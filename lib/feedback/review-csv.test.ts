import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reviewFigures } from './metrics';
import { parseReviewScore, parseReviewTime, reviewExternalRef } from './review-csv';

const SHANGHAI = 'Asia/Shanghai';

describe('parseReviewTime', () => {
  it('reads ISO 8601 with an offset as that instant', () => {
    expect(parseReviewTime('2026-05-01T14:30:00+08:00', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:30:00.000Z');
    expect(parseReviewTime('2026-05-01T06:30:00Z', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:30:00.000Z');
    expect(parseReviewTime('2026-05-01T14:30:00.250+0800', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:30:00.250Z');
    expect(parseReviewTime('2026-05-01T01:00-05:00', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:00:00.000Z');
  });
  it('reads a time without an offset, and a bare date, in the shop time zone', () => {
    expect(parseReviewTime('2026-05-01 14:30:00', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:30:00.000Z');
    expect(parseReviewTime('2026-05-01T14:30', SHANGHAI)?.toISOString()).toBe('2026-05-01T06:30:00.000Z');
    expect(parseReviewTime('2026-05-01', SHANGHAI)?.toISOString()).toBe('2026-04-30T16:00:00.000Z');
    // Across a daylight-saving change: 1 July in Berlin is UTC+2, 1 January UTC+1.
    expect(parseReviewTime('2026-07-01 12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(parseReviewTime('2026-01-01 12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });
  it('reads dates written with slashes, as spreadsheets do', () => {
    expect(parseReviewTime('2026/05/01', 'Asia/Shanghai')?.toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(parseReviewTime('2026/5/1 14:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-05-01T06:30:00.000Z');
  });

  it('refuses malformed and impossible times', () => {
    for (const bad of [
      '',
      'yesterday',
      '01-05-2026',
      '2026-02-30',
      '2026-13-01',
      '2026-05-01T25:00',
      '2026-05-01T10:61',
      '2026-05-01+08:00',
      '1969-12-31T23:00:00Z',
      '2101-06-01',
    ]) {
      expect(parseReviewTime(bad, SHANGHAI), bad).toBeNull();
    }
  });
});

describe('parseReviewScore', () => {
  it('takes whole stars 1–5 (also written 4.0)', () => {
    expect(['1', '5', ' 3 ', '4.0'].map(parseReviewScore)).toEqual([1, 5, 3, 4]);
  });
  it('refuses anything else', () => {
    for (const bad of [undefined, '', '0', '6', '4.5', '-1', 'five', '10'])
      expect(parseReviewScore(bad), String(bad)).toBeNull();
  });
});

describe('reviewExternalRef', () => {
  const base = {
    channel: 'tmall',
    externalId: 'TM-1',
    sku: 'SKU-1',
    score: 4,
    comment: '物流很快',
    reviewedAt: new Date('2026-05-01T06:30:00Z'),
  };
  it("is the platform's review id when there is one", () => {
    expect(reviewExternalRef({ ...base, reviewId: 'R-99' })).toBe('tmall:R-99');
  });
  it('is otherwise the order, the SKU and the first 16 hex of sha256(score, comment, time)', () => {
    const digest = createHash('sha256').update('4\n物流很快\n2026-05-01T06:30:00.000Z').digest('hex').slice(0, 16);
    expect(reviewExternalRef(base)).toBe(`tmall:TM-1:SKU-1:${digest}`);
    // The same review written again gives the same reference; a different one does not.
    expect(reviewExternalRef({ ...base })).toBe(reviewExternalRef(base));
    expect(reviewExternalRef({ ...base, score: 5 })).not.toBe(reviewExternalRef(base));
    expect(reviewExternalRef({ ...base, comment: '物流很慢' })).not.toBe(reviewExternalRef(base));
  });
});

describe('reviewFigures', () => {
  it('counts reviews, averages their stars and gives the share of 1–2 stars (hand-computed)', () => {
    // 5,5,4,2,1 → 17 / 5 = 3.4; 2 of 5 poor = 40 %
    expect(reviewFigures({ 1: 1, 2: 1, 3: 0, 4: 1, 5: 2 })).toEqual({ total: 5, average: 3.4, lowShare: 40 });
  });
  it('has no average or share without reviews, never 0', () => {
    expect(reviewFigures({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })).toEqual({ total: 0, average: null, lowShare: null });
  });
});
