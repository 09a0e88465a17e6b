/**
 * The HTTP load test of `npm run bench`: the production build served by `next start` on the
 * benchmark's database, the main pages requested by a signed-in supervisor at concurrency 10 and
 * 50 (autocannon), with throughput, p95, errors and the server's peak memory (resident set of its
 * process tree, sampled every 100 ms).
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { buildIfNeeded, startServer, waitUntilReady } from '../scripts/app-server';

export type HttpResult = {
  name: string;
  connections: number;
  requests_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  peak_rss_mb: number;
};

const DURATION_S = Number(process.env.HTTP_SECONDS ?? 10);
const PORT = process.env.BENCH_PORT ?? '3210';

/** Resident memory (kB) of a process and all its descendants, from /proc. */
function treeRssKb(pid: number): number {
  let kb = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) kb += treeRssKb(Number(child));
    }
  } catch {
    // the process ended between two reads
  }
  return kb;
}

/** Signs in through the app's own credentials flow and returns the session cookie. */
async function signIn(base: string, email: string, password: string): Promise<string> {
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

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function load(
  url: string,
  cookie: string,
  connections: number,
  duration = DURATION_S,
): Promise<Omit<HttpResult, 'name' | 'peak_rss_mb'>> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers: { cookie } }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    connections,
    requests_per_s: round(result.requests.total / result.duration),
    p50_ms: round(pct(times, 50)),
    p95_ms: round(pct(times, 95)),
    p99_ms: round(pct(times, 99)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Runs the load test against a fresh `next start` (built first when the sources changed) with the
 * given database settings; `pages` maps a name to a path.
 */
/** A page to load: a path requested with the supervisor's session, or a public one without any. */
export type BenchPage = string | { path: string; anonymous: true };

export async function httpLoad(dbEnv: Record<string, string>, pages: Record<string, BenchPage>): Promise<HttpResult[]> {
  const env = {
    ...process.env,
    ...dbEnv,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
  };
  buildIfNeeded(env);
  const server = startServer(PORT, env, 'ignore');
  const base = `http://127.0.0.1:${PORT}`;
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (server.pid) peakKb = Math.max(peakKb, treeRssKb(server.pid));
  }, 100);
  try {
    if (!(await waitUntilReady(base, server))) throw new Error('the app server did not become ready');
    const supervisorCookie = await signIn(base, 'supervisor@example.com', 'afterdesk-demo');
    const results: HttpResult[] = [];
    for (const [name, page] of Object.entries(pages)) {
      const path = typeof page === 'string' ? page : page.path;
      const cookie = typeof page === 'string' ? supervisorCookie : '';
      // Warm-up: until one request answers within a second (jobs the server starts with may hold
      // an embedded database for a moment), then a few seconds of light load for pools and the JIT.
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path} answered HTTP ${res.status}`);
        if (performance.now() - t0 < 1000) break;
      }
      await load(`${base}${path}`, cookie, 2, 3);
      for (const connections of [10, 50]) {
        const r = await load(`${base}${path}`, cookie, connections);
        results.push({ name: `GET ${name}`, ...r, peak_rss_mb: Math.round(peakKb / 1024) });
      }
    }
    return results;
  } finally {
    clearInterval(sampler);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}
