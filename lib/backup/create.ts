import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as tar from 'tar';
import type { DbHandle } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { BlobNotFoundError, type BlobStore } from '@/lib/attachments/storage';
import { storedFingerprint } from '@/lib/crypto/key-check';
import { withSnapshot } from './driver';
import {
  BACKUP_FORMAT,
  blobFile,
  MANIFEST_FILE,
  tableFile,
  type BlobEntry,
  type Manifest,
  type TableEntry,
} from './manifest';
import { appliedMigrationTags } from './migrations';
import { copyOutQuery, listSequences, listTables } from './tables';

export type BackupResult = { file: string; sizeBytes: number; manifest: Manifest; manifestSha256: string };

/** The app version, for the manifest (read at run time: the bundle has no package.json import). */
function appVersion(): string {
  try {
    return (
      (
        JSON.parse(fs.readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), 'package.json'), 'utf8')) as {
          version?: string;
        }
      ).version ?? 'unknown'
    );
  } catch {
    return 'unknown';
  }
}

/** afterdesk-20261201-193000Z-pglite.tar.gz: sorts by time, says what it came from. */
export function backupFileName(kind: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `afterdesk-${stamp}Z-${kind}.tar.gz`;
}

/**
 * Writes one consistent archive of the database and the attachment bytes it references, with a
 * manifest of row counts and checksums. Every table is read in one snapshot while the app keeps
 * running; the blobs are read after, by the keys that snapshot holds (blobs never change once
 * written). The archive appears under its name only when complete (written aside, then renamed).
 */
export async function createBackup(opts: { handle: DbHandle; store: BlobStore; file: string }): Promise<BackupResult> {
  const { handle, store } = opts;
  const final = path.resolve(opts.file);
  fs.mkdirSync(path.dirname(final), { recursive: true });
  if (fs.existsSync(final)) throw new Error(`${final} already exists`);
  // Mid-rotation the data is under two keys and the manifest can name only one (docs/keys.md).
  const rotating = rowsOf<{ n: number }>(
    await handle.db.execute(sql`select count(*)::int as n from instance_meta where key = 'data_key_rotation'`),
  );
  if (Number(rotating[0]?.n ?? 0) > 0)
    throw new Error('A data key rotation is unfinished: finish it (npm run keys:rotate) before making a backup.');
  const staging = `${final}.${randomUUID().slice(0, 8)}.partial`;
  fs.mkdirSync(path.join(staging, 'db'), { recursive: true, mode: 0o700 });
  try {
    const [tables, migrations, fingerprint, version] = await Promise.all([
      listTables(handle.db),
      appliedMigrationTags(handle),
      storedFingerprint(handle.db),
      handle.db.execute(sql`select current_setting('server_version') as v`),
    ]);

    const { entries, blobRefs } = await withSnapshot(handle, async (tx) => {
      const out: TableEntry[] = [];
      for (const t of tables) {
        const file = tableFile(t.name);
        const hash = createHash('sha256');
        let rows = 0;
        const sink = fs.createWriteStream(path.join(staging, file), { mode: 0o600 });
        for await (const chunk of tx.copyOut(copyOutQuery(t))) {
          hash.update(chunk);
          // COPY text escapes newlines inside values: one line is one row.
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
          if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
        }
        await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
        out.push({ name: t.name, columns: t.columns, rows, sha256: hash.digest('hex'), file });
      }
      const refs = await tx.rows<{ storage_key: string; sha256: string; size_bytes: number }>(
        // Case attachments and help-article images share the blob store; both are backed up.
        `select storage_key, sha256, size_bytes from attachments
         union all select storage_key, sha256, size_bytes from help_images
         order by storage_key`,
      );
      return { entries: out, blobRefs: refs };
    });
    const sequences = await listSequences(handle.db);

    const blobs: BlobEntry[] = [];
    const missing: string[] = [];
    let blobBytes = 0;
    for (const ref of blobRefs) {
      let bytes: Uint8Array;
      try {
        bytes = await store.get(ref.storage_key);
      } catch (err) {
        // Recorded, not fatal: a backup that skips one lost file is better than none at all.
        if (err instanceof BlobNotFoundError) {
          missing.push(ref.storage_key);
          continue;
        }
        throw err;
      }
      const target = path.join(staging, blobFile(ref.storage_key));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes, { mode: 0o600 });
      blobs.push({
        key: ref.storage_key,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.byteLength,
      });
      blobBytes += bytes.byteLength;
    }

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      app: { version: appVersion() },
      database: { kind: handle.kind, serverVersion: String(rowsOf<{ v: string }>(version)[0]?.v ?? 'unknown') },
      migrations,
      dataKey: { fingerprint },
      tables: entries,
      sequences,
      blobs: { store: store.describe(), count: blobs.length, bytes: blobBytes, missing, entries: blobs },
      totals: { rows: entries.reduce((n, t) => n + t.rows, 0) },
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(staging, MANIFEST_FILE), manifestText, { mode: 0o600 });

    const partial = `${staging}.tar.gz`;
    const parts = [MANIFEST_FILE, 'db', ...(blobs.length > 0 ? ['blobs'] : [])];
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, parts);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, final);
    return {
      file: final,
      sizeBytes: fs.statSync(final).size,
      manifest,
      manifestSha256: createHash('sha256').update(manifestText).digest('hex'),
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(`${staging}.tar.gz`, { force: true });
  }
}
