import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { openPostgres, type DbHandle, type Db } from './client';
import { rowsOf } from './rows';
import * as schema from './schema';

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'migrations');

// Any constant works; it only has to be the same in every app instance.
const MIGRATION_LOCK_ID = 4_206_169_001;

/**
 * Applies pending migrations. On PostgreSQL several app instances may boot at once, so the run is
 * serialised by an advisory lock on a dedicated connection; on PGlite the directory lock already
 * guarantees a single process.
 */
export async function migrateDatabase(handle: DbHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error('migrateDatabase: databaseUrl is required for PostgreSQL');
  const single = openPostgres(databaseUrl, { max: 1 });
  try {
    await single.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      await migratePostgres(single.db as unknown as PostgresJsDatabase<typeof schema>, { migrationsFolder });
    } finally {
      await single.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
    }
  } finally {
    await single.close();
  }
}

/** Number of migrations shipped with this build vs. applied to the database. */
export async function migrationStatus(db: Db): Promise<{ expected: number; applied: number }> {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return { expected, applied: 0 };
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { expected, applied: rowsOf<{ n: number }>(result)[0]?.n ?? 0 };
}
