import { describe, expect, it } from 'vitest';
import { leastLoaded, nextRoundRobin } from './assignment';

describe('round robin', () => {
  const ids = ['a', 'b', 'c'];
  it('starts with the first and moves on after the previous pick, wrapping around', () => {
    expect(nextRoundRobin(ids, null)).toBe('a');
    expect(nextRoundRobin(ids, 'a')).toBe('b');
    expect(nextRoundRobin(ids, 'c')).toBe('a');
  });
  it('continues sensibly when the previous pick left the team', () => {
    expect(nextRoundRobin(['a', 'c'], 'b')).toBe('c');
  });
  it('has no one to pick from an empty team', () => {
    expect(nextRoundRobin([], 'a')).toBeNull();
  });
});

describe('least loaded', () => {
  it('picks the member with the fewest open cases, ties to the lowest id', () => {
    expect(
      leastLoaded(
        new Map([
          ['b', 2],
          ['a', 3],
          ['c', 1],
        ]),
      ),
    ).toBe('c');
    expect(
      leastLoaded(
        new Map([
          ['b', 1],
          ['a', 1],
        ]),
      ),
    ).toBe('a');
    expect(leastLoaded(new Map())).toBeNull();
  });
});
