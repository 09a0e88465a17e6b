import { afterEach, describe, expect, it, vi } from 'vitest';
import { learnPublicOrigin, publicUrl, publicUrlWarning, requestOrigin } from './public-url';

const h = (init: Record<string, string>) => new Headers(init);

describe('the public URL of e-mail links', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes the Host a request came to, and the forwarded host and scheme only behind trusted proxies', () => {
    expect(requestOrigin(h({ host: 'Desk.Shop.example:8080' }), 0)).toBe('http://desk.shop.example:8080');
    const proxied = h({ host: '10.0.0.5:3000', 'x-forwarded-host': 'desk.shop.example', 'x-forwarded-proto': 'https' });
    expect(requestOrigin(proxied, 0)).toBe('http://10.0.0.5:3000');
    expect(requestOrigin(proxied, 1)).toBe('https://desk.shop.example');
    // Anything that is not a host name is refused rather than put into links.
    expect(requestOrigin(h({ host: 'evil.example/path?x=' }), 0)).toBeNull();
    expect(requestOrigin(h({}), 0)).toBeNull();
  });

  it('uses APP_URL when set, else the learned address, and warns in production without APP_URL', () => {
    vi.stubEnv('APP_URL', '');
    vi.stubEnv('NODE_ENV', 'production');
    learnPublicOrigin('https://desk.shop.example');
    expect(publicUrl()).toBe('https://desk.shop.example');
    expect(publicUrlWarning()).toMatch(/APP_URL is not set/);
    vi.stubEnv('APP_URL', 'https://afterdesk.example.com');
    expect(publicUrl()).toBe('https://afterdesk.example.com');
    expect(publicUrlWarning()).toBeNull();
  });
});
