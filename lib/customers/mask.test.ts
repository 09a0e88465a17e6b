import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask';
import { normalizeTags, searchModeOf } from './schemas';

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('wang.li@example.com')).toBe('w***@example.com');
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
  });
  it('masks malformed values whole and passes empty ones through', () => {
    expect(maskEmail('nobody')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail(null)).toBeNull();
    expect(maskEmail('')).toBeNull();
  });
});

describe('searchModeOf', () => {
  it('guesses phone from digits, e-mail from an @, else a name prefix', () => {
    expect(searchModeOf('138 0013 8000', 'auto')).toBe('phone');
    expect(searchModeOf('+86 13800138000', 'auto')).toBe('phone');
    expect(searchModeOf('li@example.com', 'auto')).toBe('email');
    expect(searchModeOf('王小', 'auto')).toBe('name');
    expect(searchModeOf('tb_123', 'auto')).toBe('name');
  });
  it('follows the explicit field', () => {
    expect(searchModeOf('13800138000', 'externalId')).toBe('externalId');
    expect(searchModeOf('li@example.com', 'name')).toBe('name');
  });
});

describe('normalizeTags', () => {
  it('trims, lower-cases, drops blanks and keeps each tag once', () => {
    expect(normalizeTags([' VIP ', 'vip', '', '批发', 'Vip '])).toEqual(['vip', '批发']);
  });
});
