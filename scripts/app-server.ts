/**
 * Building and serving the production app from a script: `npm run demo` and the benchmark's HTTP
 * load test share this.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
export const nextBin = path.join(root, 'node_modules', '.bin', 'next');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Rebuild only when a source file is newer than the last build: a restart takes seconds, not a minute. */
export function needsBuild(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = [
    'app',
    'components',
    'lib',
    'db',
    'messages',
    'public',
    'proxy.ts',
    'instrumentation.ts',
    'next.config.ts',
    'package.json',
  ];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

/** `next build` when the sources changed since the last one; exits the process if it fails. */
export function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  if (!needsBuild()) return;
  console.log('Building the app (first run, or sources changed)…');
  const build = spawnSync(nextBin, ['build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * `next start` on a port, in production mode; with `cluster`, through `npm start`'s launcher
 * (scripts/start.mjs: one process per core on PostgreSQL, or WEB_CONCURRENCY).
 */
export function startServer(
  port: string,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'ignore' = 'inherit',
  opts: { cluster?: boolean } = {},
): ChildProcess {
  const prod = { ...env, NODE_ENV: 'production' as const };
  if (opts.cluster)
    return spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '-p', port], { stdio, env: prod });
  return spawn(nextBin, ['start', '-p', port], { stdio, env: prod });
}

/** Polls the readiness check until it answers (true) or the server exits or a minute passes (false). */
export async function waitUntilReady(
  url: string,
  child: ChildProcess,
  readyPath = '/api/health/ready',
): Promise<boolean> {
  for (let i = 0; i < 120 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
