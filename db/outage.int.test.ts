import net from 'node:net';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseOutage } from '@/lib/outage/state';
import { startTcpProxy, type TcpProxy } from '@/test/tcp-proxy';
import { openPostgres, type DbHandle } from './client';
import { classifyDatabaseError } from './outage';
import { rowsOf } from './rows';

/**
 * Outages against real sockets: a closed port (server gone), a port that accepts and never
 * answers (hung server), and a real PostgreSQL behind a relay this test cuts and freezes.
 * The PostgreSQL is the one CI and the developers' machines run on 127.0.0.1:5432 (or DATABASE_URL);
 * only `select 1` runs on it, in no table.
 */
const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PG = new URL(POSTGRES_URL);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => {});
});

function open(url: string, opts: Parameters<typeof openPostgres>[1]): DbHandle {
  const handle = openPostgres(url, opts);
  cleanup.push(async () => {
    // Not the graceful 5 s: after a reset postgres.js may wait that long for a socket already gone.
    await (handle.raw as postgres.Sql).end({ timeout: 0 });
    await handle.close();
  });
  return handle;
}

/** How long `work` takes to fail, and with what. */
async function failure(work: () => Promise<unknown>): Promise<{ ms: number; err: unknown }> {
  const started = performance.now();
  try {
    await work();
  } catch (err) {
    return { ms: performance.now() - started, err };
  }
  throw new Error('expected the query to fail');
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts connections and never says a word: a hung server (or a SYN-accepting firewall). */
async function silentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

async function relayToPostgres(): Promise<TcpProxy> {
  const proxy = await startTcpProxy({ host: PG.hostname, port: Number(PG.port || 5432) });
  cleanup.push(() => proxy.close());
  return proxy;
}

describe('a database that is not there', () => {
  it('fails at once when the port is closed, as database_unreachable', async () => {
    const port = await closedPort();
    const handle = open(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectTimeoutSeconds: 2 });
    const { ms, err } = await failure(() => handle.db.execute(sql`select 1`));
    expect(ms).toBeLessThan(1000);
    expect(classifyDatabaseError(err)).toEqual({ reason: 'database_unreachable', code: 'ECONNREFUSED' });
  });

  it('keeps failing fast on every retry (postgres.js alone backs off up to 20 s between attempts)', async () => {
    const port = await closedPort();
    const handle = open(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectTimeoutSeconds: 2 });
    const rounds: number[] = [];
    // Six "page views" of five queries each: before the fix these took up to 17 s apiece.
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => handle.db.execute(sql`select 1`)));
      rounds.push(performance.now() - started);
      for (const r of results)
        expect(r.status === 'rejected' && classifyDatabaseError(r.reason)?.reason).toBe('database_unreachable');
    }
    expect(Math.max(...rounds)).toBeLessThan(1500);
  });

  it('gives up on a server that accepts but never answers within the connect timeout, as database_timeout', async () => {
    const port = await silentServer();
    const handle = open(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectTimeoutSeconds: 1 });
    const { ms, err } = await failure(() => handle.db.execute(sql`select 1`));
    expect(ms).toBeGreaterThan(900);
    expect(ms).toBeLessThan(2500);
    expect(classifyDatabaseError(err)).toEqual({ reason: 'database_timeout', code: 'CONNECT_TIMEOUT' });
  });
});

describe('the app’s watched handle during an outage', () => {
  it('cut: the first query fails at once, the outage is known, and everything works again after', async () => {
    const proxy = await relayToPostgres();
    const handle = open(proxy.url(POSTGRES_URL), { watch: true, connectTimeoutSeconds: 1, max: 2 });
    await handle.db.execute(sql`select 1`);
    expect(databaseOutage()).toBeNull();

    await proxy.cut();
    const first = await failure(() => handle.db.execute(sql`select 1`));
    expect(first.ms).toBeLessThan(1000);
    expect(classifyDatabaseError(first.err)?.reason).toBe('database_unreachable');
    await expect.poll(() => databaseOutage()?.reason, { timeout: 3000 }).toBe('database_unreachable');

    // Known down: no waiting for the network at all.
    const next = await failure(() => handle.db.transaction(async (tx) => tx.execute(sql`select 1`)));
    expect(next.ms).toBeLessThan(100);

    await proxy.restore();
    await expect.poll(() => databaseOutage(), { timeout: 6000 }).toBeNull();
    const rows = await handle.db.execute(sql`select 1 as one`);
    expect(rowsOf(rows)).toEqual([{ one: 1 }]);
  });

  it('frozen: a query stuck on a silent link is released within seconds, and the link comes back', async () => {
    const proxy = await relayToPostgres();
    const handle = open(proxy.url(POSTGRES_URL), { watch: true, connectTimeoutSeconds: 1, max: 2 });
    await handle.db.execute(sql`select 1`);

    proxy.freeze();
    // Without the watcher this query waits for TCP to give up: many minutes.
    const stuck = await failure(() => handle.db.execute(sql`select 1`));
    // SLOW_QUERY_MS (2 s) before the probe, plus the probe's own deadline (the 1 s connect timeout).
    expect(stuck.ms).toBeLessThan(4500);
    expect(classifyDatabaseError(stuck.err)?.reason).toBe('database_timeout');
    expect(databaseOutage()?.reason).toBe('database_timeout');

    await proxy.restore();
    await expect.poll(() => databaseOutage(), { timeout: 8000 }).toBeNull();
    const rows = await handle.db.execute(sql`select 2 as two`);
    expect(rowsOf(rows)).toEqual([{ two: 2 }]);
  });

  it('a slow but healthy statement is not cut', async () => {
    const proxy = await relayToPostgres();
    const handle = open(proxy.url(POSTGRES_URL), { watch: true, connectTimeoutSeconds: 1, max: 2 });
    // Longer than SLOW_QUERY_MS: the watcher probes, the server answers, the statement finishes.
    const rows = await handle.db.execute(sql`select 1 as one from pg_sleep(2.5)`);
    expect(rowsOf(rows)).toEqual([{ one: 1 }]);
    expect(databaseOutage()).toBeNull();
  });
});
