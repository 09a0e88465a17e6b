/**
 * The client address, as decided once per request by the stamp installed at server start
 * (lib/security/client-address.ts) from the socket and the configured number of trusted proxy
 * hops. Forwarded-for headers sent by clients are never read here: anyone can write them.
 */
export const CLIENT_ADDRESS_HEADER = 'x-afterdesk-client-ip';

export function clientIpFrom(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim().slice(0, 64) || null;
}

export const REQUEST_ID_HEADER = 'x-request-id';
