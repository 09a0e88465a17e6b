import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as tar from 'tar';
import type { DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import type { BlobStore } from '@/lib/attachments/storage';
import { formatFingerprint } from '@/lib/crypto/key-check';
import { withLoad } from './driver';
import { BACKUP_FORMAT, blobFile, MANIFEST_FILE, type Manifest } from './manifest';
import { migrateTo } from './migrations';
import { ident } from './tables';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/** An archive unpacked into a private temporary directory; `dispose` removes it. */
export type Unpacked = { dir: string; manifest: Manifest; dispose: () => void };

export async function unpackArchive(archive: string): Promise<Unpacked> {
  if (!fs.existsSync(archive)) throw new RestoreError(`${archive}: no such file`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-restore-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    // tar refuses absolute paths and `..` in entries by default: an archive cannot write outside dir.
    await tar.x({ file: archive, cwd: dir, strict: true });
    const file = path.join(dir, MANIFEST_FILE);
    if (!fs.existsSync(file)) throw new RestoreError(`${archive} is not an AfterDesk backup (no ${MANIFEST_FILE})`);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    if (manifest.format !== BACKUP_FORMAT)
      throw new RestoreError(`${archive} has format ${String(manifest.format)}; this version reads ${BACKUP_FORMAT}`);
    return { dir, manifest, dispose };
  } catch (err) {
    dispose();
    if (err instanceof RestoreError) throw err;
    throw new RestoreError(`${archive} cannot be read as a backup archive: ${(err as Error).message}`);
  }
}

const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every table file and blob against its checksum, before anything is written anywhere. */
export function checkArchiveFiles(u: Unpacked): void {
  for (const t of u.manifest.tables) {
    const file = path.join(u.dir, t.file);
    if (!fs.existsSync(file)) throw new RestoreError(`the archive lacks ${t.file}`);
    if (sha256File(file) !== t.sha256)
      throw new RestoreError(`${t.file} does not match its checksum: the archive is damaged`);
  }
  for (const b of u.manifest.blobs.entries) {
    const file = path.join(u.dir, blobFile(b.key));
    if (!fs.existsSync(file) || sha256File(file) !== b.sha256)
      throw new RestoreError(`attachment ${b.key} is missing from the archive or damaged`);
  }
}

/** Refuses a key other than the one the archive's data is encrypted with. */
export function checkKeyFor(manifest: Manifest, configuredFingerprint: string | null): void {
  const needed = manifest.dataKey.fingerprint;
  if (!needed) return;
  if (!configuredFingerprint) {
    throw new RestoreError(
      `The archive's data is encrypted with the data key ${formatFingerprint(needed)}, and no key is configured. Set DATA_ENCRYPTION_KEY ` +
        'to that key (or pass --key-file with the kept data-key file). Backups never contain the key.',
    );
  }
  if (configuredFingerprint !== needed) {
    throw new RestoreError(
      `The configured data key (fingerprint ${formatFingerprint(configuredFingerprint)}) is not the key of this backup (${formatFingerprint(needed)}). ` +
        'Configure the key the data was encrypted with.',
    );
  }
}

async function isEmptyDatabase(handle: DbHandle): Promise<boolean> {
  const r = rowsOf<{ n: number }>(
    await handle.db.execute(sql`
      select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'S'))::int
           + (select count(*) from pg_namespace where nspname = 'drizzle')::int as n`),
  );
  return Number(r[0]?.n ?? 0) === 0;
}

export type RestoreResult = { tables: number; rows: number; blobs: number; migratedAfter: number };

/**
 * Restores an unpacked, checked archive into an empty database and blob store: the schema as it
 * was (the backup's own migrations), the attachment bytes, then every row in one transaction with
 * triggers and foreign-key checks off (the rows are a consistent snapshot already, and the
 * rollups were dumped too), the sequences where they stood, then this version's later migrations.
 */
export async function restoreInto(opts: {
  unpacked: Unpacked;
  handle: DbHandle;
  databaseUrl?: string;
  store: BlobStore;
  migrateToLatest?: boolean;
}): Promise<RestoreResult> {
  const { unpacked: u, handle, store } = opts;
  const m = u.manifest;
  if (!(await isEmptyDatabase(handle))) {
    throw new RestoreError(
      'The target database is not empty. Restore into a new database (PostgreSQL) or a new directory (PGLITE_DIR): nothing existing is ever overwritten.',
    );
  }
  await migrateTo(handle, m.migrations, opts.databaseUrl);

  for (const b of m.blobs.entries)
    await store.putAt(b.key, new Uint8Array(fs.readFileSync(path.join(u.dir, blobFile(b.key)))));

  await withLoad(handle, async (tx) => {
    await tx.exec('set local session_replication_role = replica');
    // Migrations seed some rows (policies, starter rules); the archive holds the real ones.
    await tx.exec(`truncate ${m.tables.map((t) => ident(t.name)).join(', ')}`);
    for (const t of m.tables) {
      if (t.rows === 0) continue;
      await tx.copyIn(ident(t.name), t.columns.map(ident).join(', '), path.join(u.dir, t.file));
    }
    for (const s of m.sequences) {
      if (s.lastValue !== null)
        await tx.rows(`select setval('${ident(s.name).replace(/'/g, "''")}', ${BigInt(s.lastValue).toString()}, true)`);
    }
    for (const t of m.tables) {
      const [row] = await tx.rows<{ n: string }>(`select count(*)::text as n from ${ident(t.name)}`);
      if (Number(row?.n) !== t.rows)
        throw new RestoreError(`${t.name}: ${row?.n} rows loaded, the manifest says ${t.rows}`);
    }
  });

  let migratedAfter = 0;
  if (opts.migrateToLatest !== false) {
    const before = m.migrations.length;
    await migrateDatabase(handle, opts.databaseUrl);
    const r = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    migratedAfter = Number(r[0]?.n ?? before) - before;
  }
  return { tables: m.tables.length, rows: m.totals.rows, blobs: m.blobs.count, migratedAfter };
}
