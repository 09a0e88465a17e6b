import { describe, expect, it } from 'vitest';
import { needsAttention, scoreBand, scoreMax, scoreText } from './feedback-badges';

describe('score bands of product reviews', () => {
  it('bands review stars like CSAT: 1–2 low, 3 mid, 4–5 high', () => {
    expect([1, 2, 3, 4, 5].map((s) => scoreBand('review', s))).toEqual(['low', 'low', 'mid', 'high', 'high']);
    expect([1, 2, 3, 4, 5].map((s) => scoreBand('review', s))).toEqual(
      [1, 2, 3, 4, 5].map((s) => scoreBand('csat', s)),
    );
  });
  it('keeps NPS on its own scale and free feedback without a band', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => scoreBand('nps', s))).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
    expect(scoreBand('review', null)).toBeNull();
    expect(scoreBand('suggestion', 3)).toBeNull();
  });
  it('shows reviews out of 5 stars, and a poor review calls for a reaction', () => {
    expect(scoreMax('review')).toBe(5);
    expect(scoreText('review', 4)).toBe('4/5');
    expect(needsAttention('review', 2)).toBe(true);
    expect(needsAttention('review', 3)).toBe(false);
  });
});
