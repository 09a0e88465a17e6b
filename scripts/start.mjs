#!/usr/bin/env node
/**
 * `npm start`: the production server, one `next start` process per core when it can (#17).
 *
 * One Node process renders on one core; measured on 2 cores, `next start` kept ~1.1 busy. With
 * PostgreSQL every process is an independent instance (sessions, jobs, live events and rate limits
 * already work across instances), so this forks WEB_CONCURRENCY workers (default: every core) that
 * share the port through node:cluster, and restarts one that dies. With the embedded database one
 * process owns the data directory, so it stays one process whatever WEB_CONCURRENCY says.
 *
 *   npm start -- -p 3000          arguments go to `next start`
 *   WEB_CONCURRENCY=1 npm start   one process on PostgreSQL too
 */
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const nextCli = require.resolve('next/dist/bin/next');
const args = ['start', ...process.argv.slice(2)];

/** How many server processes: 1 on the embedded database, else WEB_CONCURRENCY or every core. */
export function serverProcesses(env = process.env, cores = os.availableParallelism()) {
  if (!env.DATABASE_URL) return 1;
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return cores;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${raw}"`);
  }
  return n;
}

function runInThisProcess() {
  process.argv = [process.argv[0], nextCli, ...args];
  require(nextCli);
}

/** A worker ending this soon after it was forked failed to start: restarting it would fail again. */
const STARTUP_MS = 30_000;

function runCluster(count) {
  cluster.setupPrimary({ exec: nextCli, args });
  let stopping = false;
  const forkedAt = new Map();
  const fork = () => forkedAt.set(cluster.fork().id, Date.now());
  const stopAll = (exitCode) => {
    stopping = true;
    process.exitCode = exitCode;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    // Each `next start` finishes its open requests on SIGTERM, then exits.
    for (const w of workers) w?.kill('SIGTERM');
    setTimeout(() => process.exit(exitCode), 15_000).unref();
  };

  for (let i = 0; i < count; i++) fork();
  console.log(`AfterDesk: ${count} server processes (WEB_CONCURRENCY) sharing one port.`);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    const lived = Date.now() - (forkedAt.get(worker.id) ?? 0);
    forkedAt.delete(worker.id);
    if (lived < STARTUP_MS) {
      console.error(`AfterDesk: a server process could not start (${signal ?? code}); stopping.`);
      stopAll(typeof code === 'number' && code !== 0 ? code : 1);
      return;
    }
    console.error(`AfterDesk: server process ${worker.process.pid} ended (${signal ?? code}); starting another.`);
    fork();
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => stopAll(0));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let count;
  try {
    count = serverProcesses();
  } catch (err) {
    console.error(`AfterDesk: ${err.message}`);
    process.exit(2);
  }
  if (count === 1) runInThisProcess();
  else runCluster(count);
}
