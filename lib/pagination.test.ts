import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('keyset cursors', () => {
  it('round-trip the sort key', () => {
    const c = encodeCursor(['2026-11-24T00:00:00.000Z', 42]);
    expect(decodeCursor(c, ['string', 'number'])).toEqual(['2026-11-24T00:00:00.000Z', 42]);
  });

  it('decode anything hand-edited to null', () => {
    expect(decodeCursor('garbage', ['string'])).toBeNull();
    expect(decodeCursor(encodeCursor(['a']), ['string', 'number'])).toBeNull();
    expect(decodeCursor(encodeCursor([1, 2]), ['string', 'number'])).toBeNull();
    expect(decodeCursor(undefined, ['string'])).toBeNull();
  });

  it('toPage trims the look-ahead row and sets the next cursor only when there is more', () => {
    const rows = [1, 2, 3, 4];
    expect(toPage(rows, 3, (r) => [r])).toEqual({ items: [1, 2, 3], nextCursor: encodeCursor([3]) });
    expect(toPage(rows, 4, (r) => [r])).toEqual({ items: rows, nextCursor: null });
  });
});
