import { NextResponse, type NextRequest } from 'next/server';
import { fillNonce, helpPageResponse } from '@/lib/help/page-cache-proxy';
import { outageResponse } from '@/lib/outage/proxy';
import {
  ACTION_BODY_LIMIT_BYTES,
  isActionWithoutLength,
  isCrossOriginWrite,
  isMalformedActionBody,
  isOversizedAction,
  ownOrigins,
  urlHasNul,
} from '@/lib/security/request-guards';

/**
 * Runs before every request. It only shapes requests and redirects; it never decides access —
 * every lib verb authorises itself (DESIGN §5).
 *  - a request id for the logs of everything this request causes;
 *  - a per-request CSP nonce (Next.js applies it to its own inline scripts);
 *  - public help pages from this process's copy of them (lib/help/page-cache-proxy.ts);
 *  - an anonymous visitor to a signed-in area is sent to /sign-in first (the layout checks again).
 */
const PROTECTED = ['/portal', '/desk', '/admin'];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Radix set inline style attributes for positioning.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

/** A short refusal with the request id, for input no route could use. */
function refuse(status: number, code: string, message: string, requestId: string): NextResponse {
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { 'x-request-id': requestId, 'Cache-Control': 'no-store' } },
  );
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();

  // Input no route can use is refused here, with a clear status instead of a 500 further in.
  if (urlHasNul(request.url))
    return refuse(422, 'invalid_characters', 'The address contains a NUL character.', requestId);
  if (isActionWithoutLength(request.method, request.headers))
    return refuse(411, 'length_required', 'A form must declare its length.', requestId);
  if (isOversizedAction(request.method, request.headers)) {
    return refuse(
      413,
      'payload_too_large',
      `The form is larger than ${ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB.`,
      requestId,
    );
  }
  if (await isMalformedActionBody(request))
    return refuse(422, 'malformed_form', 'The form data could not be read.', requestId);
  if (
    isCrossOriginWrite(
      request.method,
      pathname,
      request.headers,
      ownOrigins(request.headers, request.nextUrl, process.env.APP_URL),
    )
  ) {
    return refuse(403, 'cross_origin', 'Requests that change data must come from AfterDesk itself.', requestId);
  }

  // A help page rendered for the copy takes the copy's placeholder, replaced in every response.
  const nonce = fillNonce(request) ?? Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);

  // Database known to be down: pages answer 503 + Retry-After at once (lib/outage/proxy.ts).
  const unavailable = outageResponse(request, { requestId, nonce, csp });
  if (unavailable) return unavailable;
  const kept = await helpPageResponse(request, { requestId, nonce, csp });
  if (kept) return kept;

  const isProtected = PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (isProtected && !hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    const res = NextResponse.redirect(url);
    res.headers.set('x-request-id', requestId);
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }

  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('x-request-id', requestId);
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: [
    // Everything but static assets (they carry the static security headers from next.config.ts).
    { source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)' },
  ],
};
