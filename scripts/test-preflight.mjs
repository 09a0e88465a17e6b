#!/usr/bin/env node
/**
 * `npm test` runs this first. The end-to-end tests need Chromium and a CJK font (pages are
 * Chinese); without them the suite would fail only after the unit and integration tests. So:
 * install them through the system's package manager where we can (root on Debian/Ubuntu), or
 * stop now, before the first test, with the one command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = { chromium: 'chromium', cjkFont: 'fonts-noto-cjk' };

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false; // no fontconfig: no fonts Chromium could use either
  }
}

function missing() {
  const need = [];
  if (!fs.existsSync(chromium)) need.push(PACKAGES.chromium);
  if (!hasCjkFont()) need.push(PACKAGES.cjkFont);
  return need;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

let need = missing();
if (need.length && isRoot && hasApt && !process.env.CHROMIUM_PATH) {
  console.log(`Installing what the end-to-end tests need: ${need.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', ...need], { stdio: 'inherit', env });
  need = missing();
}
if (need.length) {
  const how =
    process.env.CHROMIUM_PATH && need.includes(PACKAGES.chromium)
      ? `point CHROMIUM_PATH at a Chromium or Chrome binary (${chromium} does not exist)`
      : hasApt
        ? `sudo apt-get install -y ${need.join(' ')}`
        : `install ${need.join(' and ')} with your package manager (or set CHROMIUM_PATH to a Chromium or Chrome binary)`;
  console.error(
    `\nThe end-to-end tests need ${need.join(' and ')}, which this machine does not have.\nRun:\n\n  ${how}\n\nthen npm test again. No test has run yet.\n`,
  );
  process.exit(1);
}
