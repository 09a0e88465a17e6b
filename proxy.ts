import { NextResponse, type NextRequest } from 'next/server';

/**
 * Runs before every request. It only shapes requests and redirects; it never decides access —
 * every lib verb authorises itself (DESIGN §5).
 *  - a request id for the logs of everything this request causes;
 *  - a per-request CSP nonce (Next.js applies it to its own inline scripts);
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

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);

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
