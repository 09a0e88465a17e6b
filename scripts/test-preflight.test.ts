import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm test preflight', () => {
  it('stops before the first test, with what to do, when Chromium is missing', () => {
    const run = spawnSync(process.execPath, ['scripts/test-preflight.mjs'], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('point CHROMIUM_PATH at a Chromium or Chrome binary');
    expect(run.stderr).toContain('No test has run yet');
  });
});
