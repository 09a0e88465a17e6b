import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { ensureAuthSecret } from '@/lib/env';

/**
 * The session id in this request's Auth.js cookie. Reading it is all a page needs: `auth()` would
 * also run Auth.js's whole session endpoint per call — an internal Request, the callbacks and a
 * freshly encrypted cookie that a server component cannot even set — about a quarter of a bare desk
 * page's server time (#17). Sessions do not roll: their expiry is the database row's, fixed at
 * sign-in (lib/auth/sessions.ts), so nothing is lost.
 *
 * Decoded tokens are remembered per process by their exact text (the cookie is encrypted and
 * authenticated; only one that decoded is remembered, and only until its own expiry).
 */
export const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

const REMEMBERED = 5_000;
const decoded = new Map<string, { sid: string; expiresAt: number }>();

type CookieGetter = (name: string) => string | undefined;

/** The cookie's value; Auth.js splits one larger than a cookie may be into `name.0`, `name.1`, … */
function cookieValue(get: CookieGetter, name: string): string | null {
  const whole = get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; ; i++) {
    const chunk = get(`${name}.${i}`);
    if (!chunk) break;
    chunks.push(chunk);
  }
  return chunks.length ? chunks.join('') : null;
}

export async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  return sessionIdIn((name) => jar.get(name)?.value, ensureAuthSecret());
}

/** The session id in a set of cookies, or null when there is none that decodes with `secret`. */
export async function sessionIdIn(get: CookieGetter, secret: string): Promise<string | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieValue(get, name);
    if (!token) continue;
    const known = decoded.get(token);
    if (known && known.expiresAt > Date.now()) return known.sid;
    const payload = await decode({ token, secret, salt: name }).catch(() => null);
    const sid = typeof payload?.sid === 'string' ? payload.sid : null;
    if (!sid || typeof payload?.exp !== 'number') return null;
    if (decoded.size >= REMEMBERED) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, { sid, expiresAt: payload.exp * 1000 });
    return sid;
  }
  return null;
}
