import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback';

describe('safeCallbackUrl', () => {
  it('accepts same-site paths', () => {
    expect(safeCallbackUrl('/desk')).toBe('/desk');
    expect(safeCallbackUrl('/admin/users?role=agent')).toBe('/admin/users?role=agent');
  });

  it('refuses anything that could leave the site or loop', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'desk', '/sign-in', '/api/auth/signout', 42, undefined]) {
      expect(safeCallbackUrl(bad)).toBeNull();
    }
  });
});
