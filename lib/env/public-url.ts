import { env } from './index';

/**
 * The address links in e-mails point to. APP_URL when set; otherwise the address staff reach the
 * app at, learned from their requests (so a shop that never set APP_URL still mails working links),
 * and until the first such request http://localhost:PORT.
 *
 * Only staff requests teach it: anyone can send a forged Host header, and a customer's forged one
 * must not end up in the links mailed to other customers.
 */
const LEARNED = Symbol.for('afterdesk.publicOrigin');
type WithLearned = typeof globalThis & { [LEARNED]?: string };

export function publicUrl(): string {
  const configured = process.env.APP_URL?.trim();
  if (configured) return env().APP_URL!;
  return (globalThis as WithLearned)[LEARNED] ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** The origin a request came to, from its Host (or, behind trusted proxies, the forwarded host and scheme). */
export function requestOrigin(headers: Headers, trustedProxies: number): string | null {
  const forwarded = trustedProxies > 0;
  const host = (forwarded ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null) || headers.get('host');
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  const proto = forwarded ? headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : null;
  return `${proto === 'https' ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/** Called for each signed-in staff request: remembers where staff reach the app. */
export function learnPublicOrigin(origin: string | null): void {
  if (origin) (globalThis as WithLearned)[LEARNED] = origin;
}

/** Startup: in production without APP_URL, say where links will point and how to fix it. */
export function publicUrlWarning(): string | null {
  if (process.env.NODE_ENV !== 'production' || process.env.APP_URL?.trim()) return null;
  return (
    'APP_URL is not set: links in e-mails use the address staff open the app at (until the first ' +
    'staff request: http://localhost). Set APP_URL to the public address, e.g. https://afterdesk.example.com.'
  );
}
