import http from 'node:http';
import { CLIENT_ADDRESS_HEADER } from '@/lib/context/headers';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * The client's address given the socket peer and X-Forwarded-For. Each of our `trustedHops`
 * proxies appends the address it received the request from, so the client is the entry that many
 * places before the socket peer; entries further left were written by the client and prove nothing.
 * With no trusted hop the socket peer is the client, whatever the headers say.
 */
export function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  const peer = socketAddress ? plain(socketAddress) : null;
  if (trustedHops <= 0 || !peer) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [...header.split(',').map((p) => plain(p)).filter(Boolean), peer];
  // Fewer entries than hops: the request skipped a proxy (or came from inside); the leftmost is all we have.
  return (chain[chain.length - 1 - trustedHops] ?? chain[0] ?? peer).slice(0, 64);
}

const slot = globalThis as typeof globalThis & { __afterdeskClientStamp?: boolean };

/**
 * Next.js's `next start` keeps a client's own X-Forwarded-For and hands route code no socket, so
 * the address cannot be decided later. At server start we hook every HTTP server's 'request'
 * event (servers created before this call included: `emit` is looked up on the prototype) and
 * write our header from the socket, replacing any copy a client sent.
 */
export function installClientAddressStamp(trustedHops: number): void {
  if (slot.__afterdeskClientStamp) return;
  slot.__afterdeskClientStamp = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stampClientAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const address = clientAddressFrom(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trustedHops);
      if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
      else delete req.headers[CLIENT_ADDRESS_HEADER];
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
