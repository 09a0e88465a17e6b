/**
 * Checks on the raw request that run in proxy.ts before any route sees it. Pure functions of the
 * method, URL and headers, so they are unit-tested and cost nothing per request.
 */

/** A NUL (`%00`) anywhere in the path or query: no route can use it, and PostgreSQL text cannot hold it. */
export function urlHasNul(rawUrl: string): boolean {
  return /%00|\u0000/i.test(rawUrl);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookie-authenticated route handlers that change state must come from our own pages (CSRF). The
 * API under /api/v1 is authenticated by key, never by cookie, so a foreign origin cannot borrow a
 * session there; Auth.js checks its own CSRF token; server actions are checked by Next.js itself.
 * A browser always sends Origin on such requests; a request without Origin and without
 * Sec-Fetch-Site comes from a non-browser client, which carries no victim's cookie.
 */
export function isCrossOriginWrite(method: string, pathname: string, headers: Headers, allowedOrigins: readonly string[]): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return false;
  if (!pathname.startsWith('/api/') || pathname.startsWith('/api/v1/') || pathname.startsWith('/api/auth/')) return false;
  const origin = headers.get('origin');
  if (origin === null) {
    const site = headers.get('sec-fetch-site');
    return site !== null && site !== 'same-origin' && site !== 'none';
  }
  return !allowedOrigins.includes(origin.toLowerCase());
}

/** The origins our own pages are served from: the Host the request came to, and APP_URL. */
export function ownOrigins(headers: Headers, requestUrl: URL, appUrl: string | undefined): string[] {
  const origins = new Set<string>([requestUrl.origin.toLowerCase()]);
  const host = headers.get('host');
  if (host) origins.add(`${requestUrl.protocol}//${host}`.toLowerCase());
  if (appUrl) {
    try {
      origins.add(new URL(appUrl).origin.toLowerCase());
    } catch {
      // A bad APP_URL is reported by the environment check at start.
    }
  }
  return [...origins];
}

/** Next.js's default limit for a server action body; above it Next.js fails the action with a 500. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** A server action POST whose declared body is larger than Next.js will read. */
export function isOversizedAction(method: string, headers: Headers): boolean {
  if (method.toUpperCase() !== 'POST' || !headers.has('next-action')) return false;
  const length = Number(headers.get('content-length') ?? 0);
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES;
}

/**
 * A server action POST that declares no length (chunked): Next.js can only find out it is too
 * large by failing with a 500 mid-read. Browsers always send a length with an action's body.
 */
export function isActionWithoutLength(method: string, headers: Headers): boolean {
  return method.toUpperCase() === 'POST' && headers.has('next-action') && !headers.has('content-length');
}

/**
 * Whether a server action's body can be decoded the way Next.js will decode it: JSON text for
 * actions called from code, multipart for forms. A malformed body otherwise fails inside Next.js
 * as a 500; here it is refused as unusable input. The body is at most 1 MB (checked before).
 */
export async function isMalformedActionBody(request: Request): Promise<boolean> {
  if (request.method.toUpperCase() !== 'POST' || !request.headers.has('next-action')) return false;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      await request.clone().formData();
    } else if (type.startsWith('application/x-www-form-urlencoded')) {
      return false;
    } else {
      const text = await request.clone().text();
      if (text.length > 0) JSON.parse(text);
    }
    return false;
  } catch {
    return true;
  }
}
