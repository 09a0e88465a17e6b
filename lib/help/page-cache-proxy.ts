import { createHmac } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { requestLocale } from '@/lib/i18n/request-locale';
import { isTheme, THEME_COOKIE } from '@/lib/theme';
import { cutAtNonce, helpPages, type KeptPage } from './page-cache';

/**
 * proxy.ts's part in serving whole help pages from this process's copy (page-cache.ts).
 *
 * A reader's request for an article, a topic or the front page — plain GET, no query, a browser's
 * document request — is answered from the copy. On a miss the proxy asks this server for the page
 * itself over loopback, marked as a fill: that inner request renders with the placeholder nonce,
 * the outer keeps the HTML and answers with a fresh one. Anything else (search, paging, ?from=request, a
 * redirect, a 404, a response that sets a cookie) renders as always.
 *
 * The mark and the placeholder derive from AUTH_SECRET, which every instance shares (the inner
 * request may reach another worker of the cluster) and no reader knows: a reader can neither ask
 * for a fill nor guess the placeholder into an article.
 */
const FILL_HEADER = 'x-afterdesk-help-fill';
export const HELP_CACHE_HEADER = 'x-help-cache';
const PAGE = /^\/help(?:\/category\/[^/]+|\/(?!search$|images$)[^/]+)?$/;
const REPLAYED_HEADERS = ['content-type', 'vary', 'cache-control'];
const FILL_TIMEOUT_MS = 10_000;

function derived(purpose: string): string | null {
  const secret = process.env.AUTH_SECRET;
  return secret ? createHmac('sha256', secret).update(`help-page-cache:${purpose}`).digest('base64url') : null;
}

/** The nonce to render with when this request is a fill, else null. */
export function fillNonce(request: NextRequest): string | null {
  const mark = request.headers.get(FILL_HEADER);
  if (!mark || mark !== derived('fill')) return null;
  return derived('nonce');
}

/**
 * A browser loading the page itself, not the client router fetching its RSC payload for the same
 * address: Next.js takes its router headers off the request before the proxy sees it, so this
 * goes by what every browser sends for a navigation (and curl or a load test can send as well).
 */
function isDocumentRequest(headers: Headers): boolean {
  const dest = headers.get('sec-fetch-dest');
  return (dest === null || dest === 'document') && (headers.get('accept') ?? '').includes('text/html');
}

function cacheable(request: NextRequest): boolean {
  if (process.env.NODE_ENV !== 'production' || !process.env.PORT) return false;
  // The fill itself renders.
  if (request.headers.has(FILL_HEADER)) return false;
  if (request.method !== 'GET' || request.nextUrl.search || !PAGE.test(request.nextUrl.pathname)) return false;
  if (!isDocumentRequest(request.headers)) return false;
  return helpPages().serving;
}

async function render(path: string, cookie: string, requestId: string): Promise<KeptPage | null> {
  const [mark, placeholder] = [derived('fill'), derived('nonce')];
  if (!mark || !placeholder) return null;
  const res = await fetch(`http://127.0.0.1:${process.env.PORT}${path}`, {
    headers: { cookie, [FILL_HEADER]: mark, 'x-request-id': requestId },
    redirect: 'manual',
    signal: AbortSignal.timeout(FILL_TIMEOUT_MS),
  });
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !type.startsWith('text/html') || res.headers.has('set-cookie')) {
    await res.body?.cancel();
    return null;
  }
  const html = await res.text();
  const headers = REPLAYED_HEADERS.flatMap((h): [string, string][] => {
    const v = res.headers.get(h);
    return v ? [[h, v]] : [];
  });
  return { parts: cutAtNonce(html, placeholder), headers, bytes: html.length * 2 };
}

/**
 * The page from this process's copy (rendering it into the copy first on a miss), or null when
 * the request is not one for the copy or the page could not be kept: then it renders as always.
 */
export async function helpPageResponse(
  request: NextRequest,
  forward: { requestId: string; nonce: string; csp: string },
): Promise<NextResponse | null> {
  if (!cacheable(request)) return null;
  const { pathname } = request.nextUrl;
  const locale = requestLocale(request);
  const saved = request.cookies.get(THEME_COOKIE)?.value;
  const theme = isTheme(saved) ? saved : 'system';
  const key = `${locale}|${theme}|${pathname}`;
  const cache = helpPages();
  let page = cache.get(key);
  const state = page ? 'hit' : 'miss';
  page ??=
    (await cache.fill(key, () =>
      render(
        pathname,
        `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; ${THEME_COOKIE}=${encodeURIComponent(theme)}`,
        forward.requestId,
      ),
    )) ?? undefined;
  if (!page) return null;
  const res = new NextResponse(page.parts.join(forward.nonce), { status: 200 });
  for (const [name, value] of page.headers) res.headers.set(name, value);
  res.headers.set('Content-Security-Policy', forward.csp);
  res.headers.set('x-request-id', forward.requestId);
  res.headers.set(HELP_CACHE_HEADER, state);
  return res;
}
