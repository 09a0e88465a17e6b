/**
 * The floor page (#17): a minimal Next.js app under bench/floor, built with the app's own Next.js
 * and React, rendering a 50-row table per request. Its CPU per request is what the framework alone
 * costs; each page's floor_ratio is measured against it in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { nextBin } from '../../scripts/app-server';

export const FLOOR_DIR = path.resolve('bench', 'floor');

function newest(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, e) => Math.max(m, newest(path.join(p, e))), stat.mtimeMs);
}

export function buildFloorIfNeeded(): void {
  const buildId = path.join(FLOOR_DIR, '.next', 'BUILD_ID');
  const sources = ['app', 'next.config.ts'].map((s) => path.join(FLOOR_DIR, s));
  const nextVersion = path.resolve('node_modules', 'next', 'package.json');
  if (fs.existsSync(buildId)) {
    const built = fs.statSync(buildId).mtimeMs;
    if (![...sources, nextVersion].some((s) => newest(s) > built)) return;
  }
  console.log('Building the floor page (bench/floor)…');
  const build = spawnSync(nextBin, ['build', '--webpack'], { stdio: 'inherit', cwd: FLOOR_DIR });
  if (build.status !== 0) throw new Error('the floor page did not build');
}

export function startFloor(port: string): ChildProcess {
  return spawn(nextBin, ['start', '-p', port], {
    stdio: 'ignore',
    cwd: FLOOR_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
