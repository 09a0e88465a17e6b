import { describe, expect, it } from 'vitest';
import { formatSpan } from './due';

describe('formatSpan', () => {
  it('shows the two largest units', () => {
    expect(formatSpan(200 * 60_000, 'en')).toBe('3h 20m');
    expect(formatSpan(-(2 * 1440 + 240) * 60_000, 'en')).toBe('2d 4h');
    expect(formatSpan(30_000, 'en')).toBe('1m');
    expect(formatSpan(60 * 60_000, 'zh-CN')).toBe('1小时');
  });
});
