import { describe, expect, it } from 'vitest';
import { initialPriority } from './priority';

const base = {
  type: 'return_refund' as const,
  reason: 'no_reason' as const,
  description: '不想要了',
  orderTotalCents: 10_000,
  openCasesOfCustomer: 0,
};

describe('initialPriority', () => {
  it('applies the rules in order', () => {
    expect(initialPriority(base)).toBe('normal');
    expect(initialPriority({ ...base, description: '再不处理我就打12315' })).toBe('urgent');
    expect(initialPriority({ ...base, type: 'complaint' })).toBe('high');
    expect(initialPriority({ ...base, openCasesOfCustomer: 2 })).toBe('high');
    expect(initialPriority({ ...base, orderTotalCents: 500_000 })).toBe('high');
    expect(initialPriority({ ...base, orderTotalCents: 499_999 })).toBe('normal');
    expect(initialPriority({ ...base, reason: 'wrong_item' })).toBe('high');
    expect(initialPriority({ ...base, type: 'inquiry' })).toBe('low');
    expect(initialPriority({ ...base, type: 'inquiry', description: 'I will call my LAWYER' })).toBe('urgent');
  });
});
