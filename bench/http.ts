/**
 * The HTTP section of `npm run bench` (#7, #17): the production build on the benchmark's database,
 * each main page under autocannon at concurrency 10 and 50, and for each:
 *  - requests per second and latency (p50/p95/p99), errors;
 *  - server CPU ms per request: the user+system time of the server's whole process tree during the
 *    run, divided by the requests it answered — the cost of a page however many cores are idle;
 *  - bytes of HTML raw and gzipped; statements per request (20 requests one after the other, the
 *    server counting what it sends: BENCH_COUNT_STATEMENTS=1);
 *  - floor_ratio: its CPU per request ÷ the floor page's (bench/floor, a bare Next.js app of the
 *    same versions rendering a 50-row table), the floor measured just before each page;
 *  - resident memory of the tree idle and at its peak under that page's load.
 * Then, on PostgreSQL, the detail pages again with `npm start` running one process per core, and
 * Lighthouse (mobile) for the first pages a customer meets and the agent's queue.
 *
 * The server runs with JOBS=off, so the job runner's polling is not counted against the pages.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { buildIfNeeded, startServer, waitUntilReady } from '../scripts/app-server';
import { buildFloorIfNeeded, startFloor } from './http/floor';
import { lighthouseScores, type LighthouseScore } from './http/lighthouse';
import { load, PAGE_ACCEPT, round, signIn, warmAndWeigh, type LoadResult } from './http/load';
import { childCount, rssSampler, treeCpuMs, treeRssKb } from './http/proc';

export type HttpResult = Omit<LoadResult, 'requests'> & {
  name: string;
  /** Server processes answering (2 = `npm start` on both cores). */
  processes: number;
  cpu_ms_per_request: number;
  bytes: number;
  bytes_gzip: number;
  statements: number | null;
  floor_ratio: number | null;
  rss_idle_mb: number;
  peak_rss_mb: number;
};

/** Who requests a page: the supervisor (desk), the demo customer (portal) or a visitor. */
export type BenchPage = string | { path: string; as: 'customer' | 'anonymous' };

export type HttpRun = {
  pages: HttpResult[];
  floor: HttpResult[];
  lighthouse: LighthouseScore[];
};

const DURATION_S = Number(process.env.HTTP_SECONDS ?? 10);
const PORT = process.env.BENCH_PORT ?? '3210';
const FLOOR_PORT = String(Number(PORT) + 1);
const STATEMENT_SAMPLES = 20;
/** Pages measured again with a server process per core (PostgreSQL only). */
const CLUSTER_PAGES = ['/desk/orders/[no]', '/desk/cases/[no]'];
const LIGHTHOUSE_PAGES = ['/sign-in', '/portal', '/portal/orders', '/desk/cases'];

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** A load run with the server tree's CPU time around it. */
async function measured(pid: number, url: string, cookie: string, connections: number) {
  const before = treeCpuMs(pid);
  const run = await load(url, cookie, connections, DURATION_S);
  const cpu = treeCpuMs(pid) - before;
  return { ...run, cpu_ms_per_request: run.requests ? round(cpu / run.requests) : 0 };
}

async function statementsPerRequest(base: string, url: string, cookie: string): Promise<number | null> {
  const read = async () => {
    const res = await fetch(`${base}/api/bench/statements`);
    return res.ok ? ((await res.json()) as { statements: number }).statements : null;
  };
  const before = await read();
  if (before === null) return null;
  for (let i = 0; i < STATEMENT_SAMPLES; i++)
    await (await fetch(url, { headers: { cookie, accept: PAGE_ACCEPT } })).arrayBuffer();
  const after = await read();
  return after === null ? null : round((after - before) / STATEMENT_SAMPLES);
}

export async function httpLoad(dbEnv: Record<string, string>, pages: Record<string, BenchPage>): Promise<HttpRun> {
  const env = {
    ...process.env,
    ...dbEnv,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    JOBS: 'off',
    BENCH_COUNT_STATEMENTS: '1',
  };
  buildIfNeeded(env);
  buildFloorIfNeeded();
  const base = `http://127.0.0.1:${PORT}`;
  const floorBase = `http://127.0.0.1:${FLOOR_PORT}`;
  const floorServer = startFloor(FLOOR_PORT);
  let server = startServer(PORT, { ...env, WEB_CONCURRENCY: '1' }, 'ignore');
  const run: HttpRun = { pages: [], floor: [], lighthouse: [] };
  try {
    if (!(await waitUntilReady(base, server))) throw new Error('the app server did not become ready');
    if (!(await waitUntilReady(floorBase, floorServer, '/'))) throw new Error('the floor page did not start');
    const cookies = {
      supervisor: await signIn(base, 'supervisor@example.com', 'afterdesk-demo'),
      customer: await signIn(base, 'customer@example.com', 'afterdesk-demo'),
      anonymous: '',
    };
    const target = (page: BenchPage) =>
      typeof page === 'string'
        ? { path: page, cookie: cookies.supervisor }
        : { path: page.path, cookie: cookies[page.as] };

    const floorWeight = await warmAndWeigh(`${floorBase}/`, '');
    await load(`${floorBase}/`, '', 2, 3);
    for (const page of Object.values(pages)) await warmAndWeigh(`${base}${target(page).path}`, target(page).cookie);
    const idleMb = Math.round(treeRssKb(server.pid!) / 1024);
    const floorIdleMb = Math.round(treeRssKb(floorServer.pid!) / 1024);

    for (const [name, page] of Object.entries(pages)) {
      const { path, cookie } = target(page);
      const url = `${base}${path}`;
      const weight = await warmAndWeigh(url, cookie);
      const statements = await statementsPerRequest(base, url, cookie);
      await load(url, cookie, 2, 3); // pools and the JIT
      // The floor just before the page: both measured under the same conditions of the machine.
      const floorRss = rssSampler(floorServer.pid!);
      const floor = await measured(floorServer.pid!, `${floorBase}/`, '', 10);
      floorRss.stop();
      const { requests: _fr, ...floorRow } = floor;
      run.floor.push({
        name: `GET floor (before ${name})`,
        processes: 1,
        ...floorRow,
        ...floorWeight,
        statements: 0,
        floor_ratio: 1,
        rss_idle_mb: floorIdleMb,
        peak_rss_mb: floorRss.peakMb(),
      });
      const rss = rssSampler(server.pid!);
      for (const connections of [10, 50]) {
        const { requests: _r, ...r } = await measured(server.pid!, url, cookie, connections);
        run.pages.push({
          name: `GET ${name}`,
          processes: 1,
          ...r,
          ...weight,
          statements,
          floor_ratio: floor.cpu_ms_per_request ? round(r.cpu_ms_per_request / floor.cpu_ms_per_request) : null,
          rss_idle_mb: idleMb,
          peak_rss_mb: rss.peakMb(),
        });
      }
      rss.stop();
    }

    const lighthousePages = LIGHTHOUSE_PAGES.filter((p) => pages[p]).map((p) => ({ name: p, ...target(pages[p]!) }));
    // A failed Lighthouse run (no Chromium, say) costs its scores, not the figures measured above.
    if (lighthousePages.length)
      run.lighthouse = await lighthouseScores(base, lighthousePages).catch((err: Error) => {
        console.error(`Lighthouse failed: ${err.message}`);
        return [];
      });

    // Every core: the same build under `npm start`'s launcher, which forks one process per core.
    if (dbEnv.DATABASE_URL) {
      await stop(server);
      server = startServer(PORT, { ...env, WEB_CONCURRENCY: '' }, 'ignore', { cluster: true });
      if (!(await waitUntilReady(base, server))) throw new Error('the clustered app server did not become ready');
      const workers = childCount(server.pid!);
      for (const name of CLUSTER_PAGES.filter((p) => pages[p])) {
        const { path, cookie } = target(pages[name]!);
        const url = `${base}${path}`;
        const weight = await warmAndWeigh(url, cookie);
        await load(url, cookie, 4, 3);
        const rss = rssSampler(server.pid!);
        const { requests: _r, ...r } = await measured(server.pid!, url, cookie, 10);
        rss.stop();
        const single = run.pages.find((p) => p.name === `GET ${name}` && p.connections === 10);
        const floor = run.floor.find((f) => f.name === `GET floor (before ${name})`);
        run.pages.push({
          name: `GET ${name}`,
          processes: workers,
          ...r,
          ...weight,
          statements: single?.statements ?? null,
          floor_ratio: floor?.cpu_ms_per_request ? round(r.cpu_ms_per_request / floor.cpu_ms_per_request) : null,
          rss_idle_mb: Math.round(treeRssKb(server.pid!) / 1024),
          peak_rss_mb: rss.peakMb(),
        });
      }
    }
    return run;
  } finally {
    await stop(server);
    await stop(floorServer);
  }
}
