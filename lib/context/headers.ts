/**
 * The client address as seen by the nearest proxy. Next.js fills `x-forwarded-for` with the socket
 * address only when the header is absent, so in production the load balancer must overwrite it
 * (see README, "Security"); the last entry is the one our own proxy appended.
 */
export function clientIpFrom(headers: Headers): string | null {
  const real = headers.get('x-real-ip');
  if (real) return real.trim().slice(0, 64);
  const forwarded = headers.get('x-forwarded-for');
  if (!forwarded) return null;
  const parts = forwarded.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.at(-1)?.slice(0, 64) ?? null;
}

export const REQUEST_ID_HEADER = 'x-request-id';
