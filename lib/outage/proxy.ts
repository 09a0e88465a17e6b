import { NextResponse, type NextRequest } from 'next/server';
import { requestLocale } from '@/lib/i18n/request-locale';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { databaseOutage, RETRY_AFTER_SECONDS } from './state';

/**
 * proxy.ts's part in an outage. While this process knows the database to be down (state.ts), a
 * page answers a real HTTP 503 with Retry-After: the request is rewritten to /unavailable with
 * that status — the only way for a page to get a status other than 200/404, since a page or its
 * error boundary renders after the status is sent. API routes get a JSON 503.
 * Not intercepted: the health checks (they report for themselves) and server actions (runAction
 * answers them with a translated result that their form shows).
 */
export const UNAVAILABLE_PATH = '/unavailable';

export function outageResponse(
  request: NextRequest,
  forward: { requestId: string; nonce: string; csp: string },
): NextResponse | null {
  if (!databaseOutage()) return null;
  const { pathname } = request.nextUrl;
  if (pathname === '/api/health' || pathname.startsWith('/api/health/')) return null;
  if (request.headers.has('next-action')) return null;

  const headers = {
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
    'x-request-id': forward.requestId,
  };
  const isPage = !pathname.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD');
  if (!isPage) {
    // The channel API speaks English, like lib/api/handler.ts; browser routes the user's language.
    const messages = pathname.startsWith('/api/v1/') || requestLocale(request) === 'en' ? en : zhCN;
    return NextResponse.json(
      { error: { code: 'service_unavailable', message: messages.errors.service_unavailable } },
      { status: 503, headers },
    );
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-request-id', forward.requestId);
  requestHeaders.set('x-nonce', forward.nonce);
  requestHeaders.set('Content-Security-Policy', forward.csp);
  const res = NextResponse.rewrite(new URL(UNAVAILABLE_PATH, request.url), {
    status: 503,
    request: { headers: requestHeaders },
  });
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  res.headers.set('Content-Security-Policy', forward.csp);
  return res;
}
