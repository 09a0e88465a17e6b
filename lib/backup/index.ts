import fs from 'node:fs';
import path from 'node:path';
import type { DbHandle } from '@/db/client';
import { blobStore } from '@/lib/attachments/storage';
import { dataDir, env } from '@/lib/env';
import { logger } from '@/lib/log';
import { backupFileName, createBackup, type BackupResult } from './create';
import { finishRun, startRun, type RunTrigger } from './runs';
import { verifyBackup, type VerifyResult } from './verify';

export { backupFileName } from './create';

/** Where backups go unless told otherwise: DATA_DIR/backups (set BACKUP_DIR for another disk). */
export function defaultBackupDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env().BACKUP_DIR ?? path.join(dataDir(), 'backups'));
}

/** Makes a backup and records it (backup_runs), success or failure. */
export async function runBackup(opts: {
  handle: DbHandle;
  trigger: RunTrigger;
  file?: string;
  requestedBy?: string | null;
}): Promise<BackupResult> {
  const file = path.resolve(opts.file ?? path.join(defaultBackupDir(), backupFileName(opts.handle.kind)));
  const runId = await startRun(opts.handle.db, 'backup', opts.trigger, {
    archive: path.basename(file),
    requestedBy: opts.requestedBy,
  });
  try {
    const result = await createBackup({ handle: opts.handle, store: blobStore(), file });
    await finishRun(opts.handle.db, runId, {
      ok: true,
      archive: path.basename(file),
      sizeBytes: result.sizeBytes,
      rows: result.manifest.totals.rows,
      blobs: result.manifest.blobs.count,
      manifestSha256: result.manifestSha256,
    });
    logger.info(
      {
        archive: path.basename(file),
        bytes: result.sizeBytes,
        rows: result.manifest.totals.rows,
        blobs: result.manifest.blobs.count,
      },
      'backup made',
    );
    return result;
  } catch (err) {
    await finishRun(opts.handle.db, runId, { ok: false, error: (err as Error).message }).catch(() => {});
    logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'backup failed');
    throw err;
  }
}

/** Verifies an archive by restoring it aside, and records the outcome in the live database when given one. */
export async function runVerify(opts: {
  handle?: DbHandle;
  trigger: RunTrigger;
  archive: string;
  appCheck?: boolean;
  requestedBy?: string | null;
}): Promise<VerifyResult> {
  const archive = path.resolve(opts.archive);
  const runId = opts.handle
    ? await startRun(opts.handle.db, 'verify', opts.trigger, {
        archive: path.basename(archive),
        requestedBy: opts.requestedBy,
      })
    : null;
  let result: VerifyResult | null = null;
  let thrown: string | undefined;
  try {
    result = await verifyBackup({ archive, liveDatabaseUrl: env().DATABASE_URL, appCheck: opts.appCheck });
    return result;
  } catch (err) {
    thrown = (err as Error).message;
    throw err;
  } finally {
    if (opts.handle && runId) {
      const failure = result ? (result.ok ? undefined : result.mismatches.join('; ')) : thrown;
      await finishRun(opts.handle.db, runId, {
        ok: !!result?.ok,
        archive: path.basename(archive),
        sizeBytes: fs.existsSync(archive) ? fs.statSync(archive).size : undefined,
        rows: result?.rows,
        blobs: result?.blobs,
        error: failure,
      }).catch(() => {});
    }
  }
}
