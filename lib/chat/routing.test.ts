import { describe, expect, it } from 'vitest';
import { pickAgent, type AgentLoad } from './routing';

const a = (userId: string, load: number, capacity = 3, available = true): AgentLoad => ({
  userId,
  load,
  capacity,
  available,
});

describe('pickAgent', () => {
  it('takes the least loaded, and among equals the first (the longest idle)', () => {
    expect(pickAgent([a('x', 1), a('y', 0), a('z', 0)], [])).toBe('y');
  });

  it('skips away members, full members and those who let the chat pass', () => {
    expect(pickAgent([a('x', 0, 3, false), a('y', 2, 2), a('z', 1)], [])).toBe('z');
    expect(pickAgent([a('x', 0), a('z', 1)], ['x'])).toBe('z');
  });

  it('offers to nobody when nobody has room', () => {
    expect(pickAgent([a('x', 3), a('y', 0, 0)], [])).toBeNull();
    expect(pickAgent([], [])).toBeNull();
  });
});
