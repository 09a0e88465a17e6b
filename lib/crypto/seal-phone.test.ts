import { beforeAll, describe, expect, it, vi } from 'vitest';

beforeAll(() => {
  vi.stubEnv('DATA_ENCRYPTION_KEY', 'YWZ0ZXJkZXNrLWludGVncmF0aW9uLXRlc3Qta2V5ISE=');
});

describe('sealPhone', () => {
  it('stores a number encrypted, hashed for lookup and masked for display, and nothing without one', async () => {
    const { customerPhoneColumns, decrypt, phoneHash, recipientPhoneColumns, sealPhone } = await import('./index');
    const sealed = sealPhone('13912345678');
    expect(decrypt(sealed.enc!)).toBe('13912345678');
    expect(sealed.hash).toBe(phoneHash('139 1234 5678'));
    expect(sealed.masked).toBe('139****5678');
    expect(sealPhone('')).toEqual({ enc: null, hash: null, masked: null });
    expect(Object.keys(customerPhoneColumns(null))).toEqual(['phoneEnc', 'phoneHash', 'phoneMasked']);
    expect(recipientPhoneColumns('13912345678').recipientPhoneMasked).toBe('139****5678');
  });
});
