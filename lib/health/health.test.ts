import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { markDatabaseUp, markDatabaseDown } from '@/lib/outage/state';
import { readiness } from './index';

/** What the readiness check reports in each kind of trouble; the database is a stand-in here. */
const db = { execute: vi.fn<() => Promise<unknown>>() };
const status = vi.fn<() => Promise<{ expected: number; applied: number }>>();
vi.mock('@/db/client', () => ({ getDbHandle: async () => ({ kind: 'postgres', db }) }));
vi.mock('@/db/migrate', () => ({ migrationStatus: () => status() }));

beforeEach(() => {
  vi.clearAllMocks();
  process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = '1';
  resetEnvCache();
  db.execute.mockResolvedValue([{ '?column?': 1 }]);
  status.mockResolvedValue({ expected: 19, applied: 19 });
});

afterEach(() => {
  delete process.env.DATABASE_CONNECT_TIMEOUT_SECONDS;
  resetEnvCache();
  markDatabaseUp();
});

describe('readiness', () => {
  it('is ready when the database answers and every migration is applied', async () => {
    const report = await readiness();
    expect(report.status).toBe('ready');
    expect(report.reason).toBeUndefined();
    expect(report.database.reachable).toBe(true);
  });

  it('names pending migrations', async () => {
    status.mockResolvedValue({ expected: 19, applied: 18 });
    expect(await readiness()).toMatchObject({
      status: 'not_ready',
      reason: 'migrations_pending',
      retryAfterSeconds: 15,
    });
  });

  it('names an unreachable database with the driver’s code, never its address', async () => {
    db.execute.mockRejectedValue(
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
    );
    const report = await readiness();
    expect(report).toMatchObject({
      status: 'not_ready',
      reason: 'database_unreachable',
      database: { reachable: false, code: 'ECONNREFUSED' },
    });
    expect(JSON.stringify(report)).not.toContain('10.0.0.5');
  });

  it('gives up on a database that does not answer within DATABASE_CONNECT_TIMEOUT_SECONDS', async () => {
    db.execute.mockReturnValue(new Promise(() => {}));
    const started = Date.now();
    const report = await readiness();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report).toMatchObject({ status: 'not_ready', reason: 'database_timeout' });
  });

  it('answers at once from the known outage, without asking the database', async () => {
    markDatabaseDown('database_timeout', 'CONNECT_TIMEOUT');
    const report = await readiness();
    expect(report).toMatchObject({
      status: 'not_ready',
      reason: 'database_timeout',
      database: { code: 'CONNECT_TIMEOUT' },
    });
    expect(db.execute).not.toHaveBeenCalled();
  });

  it('reports any other failure as database_error', async () => {
    db.execute.mockRejectedValue(new Error('relation "drizzle.__drizzle_migrations" is broken'));
    expect(await readiness()).toMatchObject({ status: 'not_ready', reason: 'database_error' });
  });
});
