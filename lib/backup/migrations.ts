import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from '@/db/client';
import { migrationsFolder } from '@/db/migrate';
import { rowsOf } from '@/db/rows';

type Journal = {
  version: string;
  dialect: string;
  entries: { idx: number; tag: string; when: number; breakpoints: boolean }[];
};

export function readJournal(folder = migrationsFolder): Journal {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** Tags of the migrations applied to a database, oldest first (matched to the journal by time). */
export async function appliedMigrationTags(handle: DbHandle): Promise<string[]> {
  const exists = rowsOf<{ present: boolean }>(
    await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`),
  );
  if (!exists[0]?.present) return [];
  const applied = rowsOf<{ created_at: string }>(
    await handle.db.execute(sql`select created_at::text from drizzle.__drizzle_migrations order by created_at`),
  );
  const byWhen = new Map(readJournal().entries.map((e) => [String(e.when), e.tag]));
  return applied.map((r) => byWhen.get(r.created_at) ?? `unknown-${r.created_at}`);
}

/**
 * Brings an empty database to exactly the migrations a backup was taken at — no further, since the
 * data must be loaded into the schema it was dumped from; later migrations run after the load, as
 * they would have on the original. Refuses a backup from a newer version, or from a branch whose
 * migrations this build does not have.
 */
export async function migrateTo(handle: DbHandle, tags: string[], databaseUrl?: string): Promise<void> {
  const journal = readJournal();
  const ours = journal.entries.map((e) => e.tag);
  if (tags.length > ours.length) {
    throw new Error(
      `The backup was made by a newer AfterDesk (${tags.length} migrations; this one has ${ours.length}). Restore it with that version or a later one.`,
    );
  }
  const mismatch = tags.findIndex((t, i) => ours[i] !== t);
  if (mismatch >= 0)
    throw new Error(
      `The backup's migration ${tags[mismatch]} is not this version's ${ours[mismatch]}: restore it with the AfterDesk version that made it.`,
    );

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-migrations-'));
  try {
    fs.mkdirSync(path.join(folder, 'meta'));
    fs.writeFileSync(
      path.join(folder, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, tags.length) }),
    );
    for (const tag of tags) fs.copyFileSync(path.join(migrationsFolder, `${tag}.sql`), path.join(folder, `${tag}.sql`));
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, never>>, { migrationsFolder: folder });
    } else {
      if (!databaseUrl) throw new Error('migrateTo: databaseUrl is required for PostgreSQL');
      await migratePostgres(handle.db as unknown as PostgresJsDatabase<Record<string, never>>, {
        migrationsFolder: folder,
      });
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
