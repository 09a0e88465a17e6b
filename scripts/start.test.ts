import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs launcher (npm start needs no TypeScript loader); no types of its own.
import { serverProcesses } from './start.mjs';

const pg = { DATABASE_URL: 'postgres://db/afterdesk' };

describe('npm start: how many server processes', () => {
  it('is one on the embedded database, whatever WEB_CONCURRENCY says', () => {
    expect(serverProcesses({}, 8)).toBe(1);
    expect(serverProcesses({ WEB_CONCURRENCY: '4' }, 8)).toBe(1);
  });

  it('is one per core on PostgreSQL, or WEB_CONCURRENCY', () => {
    expect(serverProcesses(pg, 2)).toBe(2);
    expect(serverProcesses({ ...pg, WEB_CONCURRENCY: ' ' }, 2)).toBe(2);
    expect(serverProcesses({ ...pg, WEB_CONCURRENCY: '1' }, 2)).toBe(1);
    expect(serverProcesses({ ...pg, WEB_CONCURRENCY: '3' }, 2)).toBe(3);
  });

  it('refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '65'])
      expect(() => serverProcesses({ ...pg, WEB_CONCURRENCY: bad }, 2), bad).toThrow(/WEB_CONCURRENCY/);
  });
});
