/** The load generator's side of the HTTP benchmark: signing in, loading a page, what a page weighs. */
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

/** Signs in through the app's own credentials flow and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/desk` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return [jar, session.split(';')[0]].join('; ');
}

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
export const round = (n: number) => Math.round(n * 100) / 100;

/** What a browser sends for a page load (the help pages' copy answers only such requests). */
export const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

export type LoadResult = {
  connections: number;
  requests: number;
  requests_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
};

/** autocannon against one URL for `duration` seconds. */
export async function load(url: string, cookie: string, connections: number, duration: number): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers: { cookie, accept: PAGE_ACCEPT } }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    connections,
    requests: result.requests.total,
    requests_per_s: round(result.requests.total / result.duration),
    p50_ms: round(pct(times, 50)),
    p95_ms: round(pct(times, 95)),
    p99_ms: round(pct(times, 99)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * One request answering 200 within a second, retried for up to a minute (jobs the server starts
 * with may hold an embedded database for a moment); returns the HTML's size raw and gzipped.
 */
export async function warmAndWeigh(url: string, cookie: string): Promise<{ bytes: number; bytes_gzip: number }> {
  let body = new Uint8Array();
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie, accept: PAGE_ACCEPT }, redirect: 'manual' });
    body = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}`);
    if (performance.now() - t0 < 1000) break;
  }
  return { bytes: body.length, bytes_gzip: gzipSync(body).length };
}
