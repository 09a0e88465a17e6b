/**
 * npm run restore -- ARCHIVE [--key-file FILE]
 * Restores a backup into the configured database — an empty PostgreSQL database (DATABASE_URL) or
 * a new embedded directory (PGLITE_DIR / DATA_DIR) — and the configured attachment store. Refuses a
 * non-empty target and a data key other than the backup's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDbHandle } from '@/db/client';
import { blobStore } from '@/lib/attachments/storage';
import { checkArchiveFiles, checkKeyFor, RestoreError, restoreInto, unpackArchive } from '@/lib/backup/restore';
import { configuredDataKey, dataKeyFile, formatFingerprint, keyFingerprint } from '@/lib/crypto/key-check';
import { dataDir, env, pgliteDir } from '@/lib/env';

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new RestoreError(`${file} does not hold a 32-byte key in base64`);
  return key;
}

const nonEmptyDir = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'key-file': { type: 'string' } } });
  const archive = positionals[0];
  if (!archive)
    throw new RestoreError(
      'name the archive: npm run restore -- path/to/afterdesk-….tar.gz [--key-file path/to/data-key]',
    );
  const e = env();

  // The key: the configured one, or the kept file given on the command line (which must agree).
  const fromFile = values['key-file'] ? readKeyFile(values['key-file']) : null;
  const configured = configuredDataKey();
  if (fromFile && configured && keyFingerprint(fromFile) !== keyFingerprint(configured.key)) {
    throw new RestoreError(
      `--key-file (${formatFingerprint(keyFingerprint(fromFile))}) and ${configured.source} (${formatFingerprint(keyFingerprint(configured.key))}) are different keys`,
    );
  }
  const key = configured?.key ?? fromFile;

  if (!e.DATABASE_URL && nonEmptyDir(pgliteDir())) {
    throw new RestoreError(
      `${pgliteDir()} is not empty. Restore into a new directory (set PGLITE_DIR and DATA_DIR): nothing existing is ever overwritten.`,
    );
  }
  const attachments = path.join(dataDir(), 'attachments');
  if (e.BLOB_STORE === 'local' && nonEmptyDir(attachments))
    throw new RestoreError(`${attachments} is not empty: restore into a new DATA_DIR.`);

  const unpacked = await unpackArchive(archive);
  try {
    checkKeyFor(unpacked.manifest, key ? keyFingerprint(key) : null);
    checkArchiveFiles(unpacked);
    const started = Date.now();
    const handle = await getDbHandle();
    const r = await restoreInto({
      unpacked,
      handle,
      databaseUrl: e.DATABASE_URL,
      store: blobStore(),
      migrateToLatest: true,
    });
    // The embedded demo reads its key from DATA_DIR/data-key: put the kept file where it belongs.
    if (!e.DATABASE_URL && !e.DATA_ENCRYPTION_KEY && fromFile && !fs.existsSync(dataKeyFile())) {
      fs.mkdirSync(path.dirname(dataKeyFile()), { recursive: true });
      fs.writeFileSync(dataKeyFile(), fromFile.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    console.log(
      `Restored ${r.tables} tables, ${r.rows} rows and ${r.blobs} attachments in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (r.migratedAfter ? `, then applied ${r.migratedAfter} newer migration(s).` : '.'),
    );
    console.log(
      `  From ${path.basename(archive)} (made ${unpacked.manifest.createdAt} on ${unpacked.manifest.database.kind}) into ${e.DATABASE_URL ? 'the DATABASE_URL database' : pgliteDir()}.`,
    );
    if (unpacked.manifest.blobs.missing.length)
      console.log(
        `  ${unpacked.manifest.blobs.missing.length} attachment(s) were already missing when the backup was made (listed in its manifest).`,
      );
    if (e.DATABASE_URL && !e.DATA_ENCRYPTION_KEY && fromFile)
      console.log('  Set DATA_ENCRYPTION_KEY on every app instance to the key in --key-file before starting the app.');
  } finally {
    unpacked.dispose();
    await closeDb();
  }
}

main().catch(async (err: Error) => {
  console.error(`Restore failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
