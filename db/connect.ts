import { sql } from 'drizzle-orm';
import { decryptsWith } from '@/lib/crypto';
import { checkDataKey } from '@/lib/crypto/key-check';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { getDbHandle, type DbHandle } from './client';
import { migrateDatabase, migrationStatus } from './migrate';

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export class DatabaseUnavailableError extends Error {
  constructor(target: string, cause: string) {
    super(
      `Cannot reach the database at ${target}: ${cause}. Check DATABASE_URL, or unset it to use the embedded database.`,
    );
    this.name = 'DatabaseUnavailableError';
  }
}

/** Opens the configured database, checks it answers, and applies pending migrations. */
export async function connectAndMigrate(): Promise<DbHandle> {
  const url = env().DATABASE_URL;
  const handle = await getDbHandle();
  try {
    await handle.db.execute(sql`select 1`);
  } catch (err) {
    // Drizzle wraps the driver's error; the cause carries the useful code (ECONNREFUSED, 3D000 ...).
    const e = ((err as { cause?: unknown }).cause ?? err) as NodeJS.ErrnoException;
    const reason = [e.code, e.message].filter(Boolean).join(' ');
    throw new DatabaseUnavailableError(url ? redactUrl(url) : 'the embedded data directory', reason);
  }
  const readOnly = env().READ_ONLY === 'on';
  if (readOnly) {
    // Serving a copy as it is (backup verification): a pending migration is an error, not a change.
    const m = await migrationStatus(handle.db);
    if (m.applied < m.expected)
      throw new Error(`READ_ONLY=on but ${m.expected - m.applied} migration(s) are pending on this database`);
  } else {
    await migrateDatabase(handle, url);
  }
  // Before anything reads or writes personal data: the key must be the data's own (DESIGN §10).
  const key = await checkDataKey(handle.db, decryptsWith, { readOnly });
  if (key.outcome === 'rotating')
    logger.warn(
      { from: key.previous, to: key.fingerprint },
      'a data key rotation is unfinished: both keys are read until npm run keys:rotate has finished (docs/keys.md)',
    );
  if (key.outcome === 'generated')
    logger.info(
      { file: key.source },
      'generated the data key for a new embedded database: keep this file, it is not in any backup',
    );
  return handle;
}
