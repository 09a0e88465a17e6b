import 'server-only';
import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db/client';
import { migrationStatus } from '@/db/migrate';
import { logger } from '@/lib/log';

export type Readiness = {
  status: 'ready' | 'not_ready';
  database: { kind: 'pglite' | 'postgres' | 'unknown'; reachable: boolean; latencyMs?: number };
  migrations: { expected: number; applied: number; upToDate: boolean } | null;
};

export async function readiness(): Promise<Readiness> {
  try {
    const handle = await getDbHandle();
    const started = performance.now();
    await handle.db.execute(sql`select 1`);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const m = await migrationStatus(handle.db);
    const upToDate = m.applied >= m.expected;
    return {
      status: upToDate ? 'ready' : 'not_ready',
      database: { kind: handle.kind, reachable: true, latencyMs },
      migrations: { ...m, upToDate },
    };
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message } }, 'readiness check failed');
    return { status: 'not_ready', database: { kind: 'unknown', reachable: false }, migrations: null };
  }
}
