import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { LocalDiskStore } from '@/lib/attachments/storage';
import { decryptsWith } from '@/lib/crypto';
import { configuredDataKey, keyFingerprint } from '@/lib/crypto/key-check';
import { checkAppOn, type AppCheck } from './app-check';
import { withSnapshot } from './driver';
import { checkArchiveFiles, checkKeyFor, restoreInto, unpackArchive } from './restore';
import { copyOutQuery, listTables } from './tables';

export type VerifyResult = {
  ok: boolean;
  tables: number;
  rows: number;
  blobs: number;
  mismatches: string[];
  appCheck: AppCheck | null;
  scratch: string;
  ms: number;
};

/** A throw-away database of the same kind as the live one (and a directory for its files). */
type Scratch = {
  handle: DbHandle;
  url?: string;
  dir: string;
  label: string;
  appEnv: Record<string, string>;
  dispose: () => Promise<void>;
};

async function openScratch(liveUrl: string | undefined): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-verify-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!liveUrl) {
    const pgliteDir = path.join(dir, 'pglite');
    const handle = await openPglite(pgliteDir);
    return {
      handle,
      dir,
      label: `embedded database in ${pgliteDir}`,
      appEnv: { PGLITE_DIR: pgliteDir, DATA_DIR: dataDir, DATABASE_URL: '' },
      dispose: async () => {
        await handle.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // A new database beside the live one, on the same server: the restore test exercises the real engine.
  const name = `afterdesk_verify_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(liveUrl, { max: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const u = new URL(liveUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = openPostgres(url, { max: 2 });
  return {
    handle,
    url,
    dir,
    label: `database ${name}`,
    appEnv: { DATABASE_URL: url, DATA_DIR: dataDir },
    dispose: async () => {
      await handle.close().catch(() => {});
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`)).catch(() => {});
      await admin.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A backup counts only once it has been restored (DESIGN §10). This restores the archive into a
 * scratch database and directory, reads every table back and compares it, row count and checksum,
 * with the manifest, reads every attachment back against its checksum, proves the configured data
 * key decrypts the restored personal data, brings the copy to this version's schema and starts the
 * app on it, read-only, for a health check. The scratch copy is removed afterwards.
 */
export async function verifyBackup(opts: {
  archive: string;
  liveDatabaseUrl?: string;
  appCheck?: boolean;
  cwd?: string;
}): Promise<VerifyResult> {
  const started = Date.now();
  const unpacked = await unpackArchive(opts.archive);
  const scratch = await openScratch(opts.liveDatabaseUrl).catch((err) => {
    unpacked.dispose();
    throw err;
  });
  const mismatches: string[] = [];
  try {
    const m = unpacked.manifest;
    checkArchiveFiles(unpacked);
    const key = configuredDataKey();
    checkKeyFor(m, key ? keyFingerprint(key.key) : null);

    const store = new LocalDiskStore(path.join(scratch.dir, 'data', 'attachments'));
    await restoreInto({ unpacked, handle: scratch.handle, databaseUrl: scratch.url, store, migrateToLatest: false });

    // Read back exactly as the backup was written, and compare.
    const tables = await listTables(scratch.handle.db);
    const byName = new Map(m.tables.map((t) => [t.name, t]));
    await withSnapshot(scratch.handle, async (tx) => {
      for (const t of tables) {
        const expected = byName.get(t.name);
        if (!expected) {
          mismatches.push(`${t.name}: in the restored schema but not in the archive`);
          continue;
        }
        const hash = createHash('sha256');
        let rows = 0;
        for await (const chunk of tx.copyOut(copyOutQuery(t))) {
          hash.update(chunk);
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
        }
        if (rows !== expected.rows)
          mismatches.push(`${t.name}: ${rows} rows restored, ${expected.rows} in the archive`);
        else if (hash.digest('hex') !== expected.sha256)
          mismatches.push(`${t.name}: restored rows differ from the archive (checksum)`);
        byName.delete(t.name);
      }
    });
    for (const name of byName.keys()) mismatches.push(`${name}: in the archive but not restored`);
    for (const b of m.blobs.entries) {
      const bytes = await store.get(b.key).catch(() => null);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== b.sha256)
        mismatches.push(`attachment ${b.key}: not restored intact`);
    }
    // The key is not just the right fingerprint: it decrypts what was restored.
    const sample = rowsOf<{ c: string }>(
      await scratch.handle.db.execute(
        sql`(select phone_enc as c from customers where phone_enc is not null limit 1) union all (select recipient_phone_enc from orders where recipient_phone_enc is not null limit 1) limit 1`,
      ),
    )[0]?.c;
    if (sample && (!key || !decryptsWith(sample, key.key)))
      mismatches.push('the configured data key does not decrypt the restored personal data');

    await migrateDatabase(scratch.handle, scratch.url);
    let appCheck: AppCheck | null = null;
    if (opts.appCheck !== false && mismatches.length === 0) {
      if (scratch.url) {
        const name = new URL(scratch.url).pathname.slice(1);
        await scratch.handle.db.execute(sql.raw(`alter database ${name} set default_transaction_read_only = on`));
      }
      await scratch.handle.close();
      appCheck = await checkAppOn(
        {
          ...process.env,
          ...scratch.appEnv,
          ...(key ? { DATA_ENCRYPTION_KEY: key.key.toString('base64') } : {}),
          BLOB_STORE: 'local',
        },
        { cwd: opts.cwd },
      );
      if (!appCheck.ok) mismatches.push(`app health check: ${appCheck.detail}`);
    }
    return {
      ok: mismatches.length === 0,
      tables: m.tables.length,
      rows: m.totals.rows,
      blobs: m.blobs.count,
      mismatches,
      appCheck,
      scratch: scratch.label,
      ms: Date.now() - started,
    };
  } finally {
    unpacked.dispose();
    await scratch.dispose();
  }
}
