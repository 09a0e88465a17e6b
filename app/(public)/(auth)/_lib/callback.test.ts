import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback';

describe('safeCallbackUrl', () => {
  it('accepts same-site paths', () => {
    expect(safeCallbackUrl('/desk')).toBe('/desk');
    expect(safeCallbackUrl('/admin/users?role=agent')).toBe('/admin/users?role=agent');
  });

  it('refuses anything that could leave the site or loop', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'desk',
      '/sign-in',
      '/api/auth/signout',
      42,
      undefined,
    ]) {
      expect(safeCallbackUrl(bad)).toBeNull();
    }
  });

  it('refuses control characters that browsers strip (a tab after the first slash is //evil)', () => {
    // What `callbackUrl=%2F%09%2Fevil.example` decodes to, and its relatives.
    for (const bad of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/%09/x\u0000',
      '/\u007f/evil.example',
      '/desk\\..\\',
      '/./\\evil.example',
    ]) {
      expect(safeCallbackUrl(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(safeCallbackUrl(decodeURIComponent('%2F%09%2Fevil.example'))).toBeNull();
  });

  it('refuses paths that only resolve to the sign-in page or the API', () => {
    expect(safeCallbackUrl('/desk/../api/auth/signout')).toBeNull();
    expect(safeCallbackUrl('/desk/%2e%2e/sign-in')).toBeNull();
    expect(safeCallbackUrl('/desk/cases?q=%2F%2Fevil')).toBe('/desk/cases?q=%2F%2Fevil');
  });
});
