import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/context/headers';
import { clientAddressFrom, installClientAddressStamp } from './client-address';

describe('clientAddressFrom', () => {
  it('believes no forwarded header without trusted proxies', () => {
    expect(clientAddressFrom('203.0.113.9', '1.2.3.4', 0)).toBe('203.0.113.9');
    expect(clientAddressFrom('::ffff:203.0.113.9', undefined, 0)).toBe('203.0.113.9');
  });

  it('takes the entry the last trusted proxy appended, not what the client wrote', () => {
    // Client 198.51.100.7 forges "1.2.3.4"; our one load balancer (10.0.0.2) appends the real peer.
    expect(clientAddressFrom('10.0.0.2', '1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    // Two hops: CDN then load balancer.
    expect(clientAddressFrom('10.0.0.2', '1.2.3.4, 198.51.100.7, 172.16.0.5', 2)).toBe('198.51.100.7');
    // Fewer entries than hops: the leftmost we have.
    expect(clientAddressFrom('10.0.0.2', undefined, 2)).toBe('10.0.0.2');
  });
});

describe('installClientAddressStamp', () => {
  it('overwrites a client-sent address header with the socket peer on a real server', async () => {
    installClientAddressStamp(0);
    const server = http.createServer((req, res) => res.end(JSON.stringify({ seen: req.headers[CLIENT_ADDRESS_HEADER] ?? null })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [CLIENT_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.6' } });
      expect(await res.json()).toEqual({ seen: '127.0.0.1' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
