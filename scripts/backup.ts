/**
 * npm run backup [-- --out FILE | --dir DIR]
 * One consistent archive of the database, the attachments and a manifest (docs/backups.md), safe
 * while the app runs. With the embedded database in use by a running app, the app makes it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDbHandle } from '@/db/client';
import { DataDirInUseError } from '@/db/lock';
import { backupFileName, defaultBackupDir, runBackup } from '@/lib/backup';
import { delegateToRunningApp } from '@/lib/backup/requests';
import { formatFingerprint } from '@/lib/crypto/key-check';
import { env } from '@/lib/env';

function describeSize(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, dir: { type: 'string' } } });
  const kind = env().DATABASE_URL ? 'postgres' : 'pglite';
  const file = path.resolve(values.out ?? path.join(values.dir ?? defaultBackupDir(), backupFileName(kind)));
  const started = Date.now();
  let summary: {
    file: string;
    sizeBytes: number;
    tables: number;
    rows: number;
    blobs: number;
    missingBlobs: number;
    fingerprint: string | null;
  };
  try {
    const handle = await getDbHandle();
    const r = await runBackup({ handle, trigger: 'cli', file });
    summary = {
      file: r.file,
      sizeBytes: r.sizeBytes,
      tables: r.manifest.tables.length,
      rows: r.manifest.totals.rows,
      blobs: r.manifest.blobs.count,
      missingBlobs: r.manifest.blobs.missing.length,
      fingerprint: r.manifest.dataKey.fingerprint,
    };
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    console.log('The embedded database is in use by the running app; asking it to make the backup…');
    const answer = await delegateToRunningApp({ kind: 'backup', file });
    if (!answer.ok) throw new Error(answer.error ?? 'the app could not make the backup');
    summary = answer.summary as typeof summary;
  }
  console.log(`Backup written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.file}`);
  console.log(
    `  ${describeSize(summary.sizeBytes)}, ${summary.tables} tables, ${summary.rows} rows, ${summary.blobs} attachments${summary.missingBlobs ? ` (${summary.missingBlobs} missing from the store, listed in the manifest)` : ''}`,
  );
  if (summary.fingerprint) {
    console.log(
      `  The data key is NOT in the archive. Restoring needs the key with fingerprint ${formatFingerprint(summary.fingerprint)}: keep it apart from the backups.`,
    );
  }
  const shown = path.relative(process.cwd(), summary.file);
  console.log(`  Verify it: npm run backup:verify -- ${shown.startsWith('..') ? summary.file : shown}`);
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Backup failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
