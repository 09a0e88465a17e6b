import { describe, expect, it } from 'vitest';
import { answerRate, csatCounts, csatPercent, delta, npsBreakdown, npsCounts, npsScore } from './metrics';

describe('CSAT%', () => {
  it('is the share of 4s and 5s among all answers (hand-computed)', () => {
    // 5,5,4,3,1 → 3 good of 5 = 60 %
    expect(csatPercent(csatCounts([5, 5, 4, 3, 1]))).toBe(60);
    // 2,2,3 → none good = 0 %
    expect(csatPercent(csatCounts([2, 2, 3]))).toBe(0);
  });
  it('is 100 % for a single good answer, 0 % for a single bad one', () => {
    expect(csatPercent(csatCounts([4]))).toBe(100);
    expect(csatPercent(csatCounts([1]))).toBe(0);
  });
  it('has no value without answers, and ignores out-of-range scores', () => {
    expect(csatPercent(csatCounts([]))).toBeNull();
    expect(csatPercent(csatCounts([0, 6, 4.5]))).toBeNull();
  });
});

describe('NPS', () => {
  it('is % promoters minus % detractors (hand-computed)', () => {
    // 10,9,9,8,7,6,3,0 → promoters 3, passives 2, detractors 3 of 8 → 0
    expect(npsScore(npsCounts([10, 9, 9, 8, 7, 6, 3, 0]))).toBe(0);
    // 10,10,10,6 → 75 % − 25 % = 50
    expect(npsScore(npsCounts([10, 10, 10, 6]))).toBe(50);
    // 0,5,9 → 33.3 % − 66.7 % = −33.3
    expect(npsScore(npsCounts([0, 5, 9]))).toBeCloseTo(-33.333, 2);
  });
  it('is 0 when everyone is a passive, ±100 for a single answer', () => {
    expect(npsScore(npsCounts([7, 8, 8, 7]))).toBe(0);
    expect(npsBreakdown(npsCounts([7, 8, 8, 7]))).toEqual({ promoters: 0, passives: 4, detractors: 0, answered: 4 });
    expect(npsScore(npsCounts([9]))).toBe(100);
    expect(npsScore(npsCounts([6]))).toBe(-100);
  });
  it('has no value without answers', () => {
    expect(npsScore(npsCounts([]))).toBeNull();
  });
});

describe('answer rate and period change', () => {
  it('computes the answered share of offered surveys', () => {
    expect(answerRate(3, 12)).toBe(25);
    expect(answerRate(0, 0)).toBeNull();
  });
  it('compares with the previous period only when both have data', () => {
    expect(delta(60, 50)).toBe(10);
    expect(delta(null, 50)).toBeNull();
    expect(delta(40, null)).toBeNull();
  });
});
