import { describe, expect, it } from 'vitest';
import { centsToInput, currencySymbol, formatMoney, parseAmount } from './money';

describe('money', () => {
  it('parses plain amounts to cents without floating-point error', () => {
    expect(parseAmount('12.5')).toBe(1250);
    expect(parseAmount('0.07')).toBe(7);
    expect(parseAmount('1,299.99')).toBe(129999);
    expect(parseAmount('¥ 19.90')).toBe(1990);
    expect(parseAmount('1.005')).toBeNaN();
    expect(parseAmount('-3')).toBeNaN();
    expect(parseAmount('abc')).toBeNaN();
    expect(parseAmount('')).toBeNaN();
  });

  it('formats cents in the viewer’s language', () => {
    expect(formatMoney(129999, 'CNY', 'zh-CN')).toBe('¥1,299.99');
    expect(formatMoney(5, 'CNY', 'en')).toBe('CN¥0.05');
    expect(centsToInput(1250)).toBe('12.50');
  });

  it('names the shop currency’s sign for labels in either language', () => {
    expect(currencySymbol('CNY', 'zh-CN')).toBe('¥');
    expect(currencySymbol('CNY', 'en')).toBe('CN¥');
    expect(currencySymbol('USD', 'en')).toBe('$');
    expect(currencySymbol('EUR', 'zh-CN')).toBe('€');
    expect(formatMoney(129900, 'HKD', 'zh-CN')).toBe('HK$1,299.00');
  });
});
