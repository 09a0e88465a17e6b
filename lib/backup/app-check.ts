import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A free loopback port for a throw-away server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export type AppCheck = { ok: boolean; ms: number; detail: string };

/**
 * Starts the built app (`next start`) on a restored copy, read-only and without background jobs,
 * and asks it what a load balancer would: is it ready (database reachable, migrations applied,
 * data key accepted), and does it serve the sign-in page. Then stops it.
 */
export async function checkAppOn(
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<AppCheck> {
  const cwd = opts.cwd ?? process.cwd();
  const next = path.join(cwd, 'node_modules', '.bin', 'next');
  if (!fs.existsSync(path.join(cwd, '.next', 'BUILD_ID'))) {
    return {
      ok: false,
      ms: 0,
      detail: 'the app is not built (run npm run build first), so it could not be started on the restored copy',
    };
  }
  const port = await freePort();
  const started = Date.now();
  const child = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd,
    env: { ...env, NODE_ENV: 'production', READ_ONLY: 'on', JOBS: 'off', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const deadline = started + (opts.timeoutMs ?? 90_000);
  try {
    let last = 'no answer';
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
        if (ready.ok) {
          const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
          return page.ok
            ? { ok: true, ms: Date.now() - started, detail: `ready and serving /sign-in on port ${port}` }
            : { ok: false, ms: Date.now() - started, detail: `ready, but /sign-in answered ${page.status}` };
        }
        last = `ready answered ${ready.status}: ${(await ready.text()).slice(0, 300)}`;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const why =
      child.exitCode !== null
        ? `the app exited with code ${child.exitCode}`
        : `not ready within ${Math.round((opts.timeoutMs ?? 90_000) / 1000)} s (${last})`;
    return {
      ok: false,
      ms: Date.now() - started,
      detail: `${why}; last output: ${output.trim().split('\n').slice(-5).join(' | ')}`,
    };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
