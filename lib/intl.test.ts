import { describe, expect, it } from 'vitest';
import { dateTimeFormat, listFormat, numberFormat } from './intl';

describe('cached Intl formatters', () => {
  it('returns one formatter per locale and options, and formats like a new one', () => {
    const a = dateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit' });
    expect(dateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit' })).toBe(a);
    expect(dateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: '2-digit' })).not.toBe(a);
    expect(dateTimeFormat('zh-CN', { timeZone: 'UTC', hour: '2-digit' })).not.toBe(a);
    const at = new Date('2026-03-01T04:05:06Z');
    expect(a.format(at)).toBe(
      new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit' }).format(at),
    );
    expect(numberFormat('en', { style: 'currency', currency: 'CNY' }).format(12.5)).toBe('CN¥12.50');
    expect(numberFormat('en', { style: 'currency', currency: 'CNY' })).toBe(
      numberFormat('en', { style: 'currency', currency: 'CNY' }),
    );
    expect(listFormat('en', { type: 'disjunction' }).format(['a', 'b'])).toBe('a or b');
  });
});
