import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DbHandle } from '@/db/client';
import { dataDir } from '@/lib/env';
import { logger } from '@/lib/log';
import { runBackup, runVerify } from './index';

/**
 * The embedded database belongs to one process at a time (db/lock.ts), so while the app runs,
 * `npm run backup` cannot open it. Instead it leaves a request file in DATA_DIR/backups/requests,
 * the running app (which watches that folder) carries it out in-process — its own snapshot, so
 * the backup is consistent while the app keeps serving — and writes the result beside it. The
 * folder is the app's own data directory: whoever can write there can read the database anyway.
 */
export type BackupRequest = { kind: 'backup'; file?: string } | { kind: 'verify'; archive: string; appCheck?: boolean };
export type BackupRequestResult = { ok: boolean; summary: Record<string, unknown>; error?: string };

export const requestsDir = () => path.join(dataDir(), 'backups', 'requests');

/** CLI side: files a request and waits for the running app's answer. */
export async function delegateToRunningApp(req: BackupRequest, timeoutMs = 30 * 60_000): Promise<BackupRequestResult> {
  const dir = requestsDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const tmp = path.join(dir, `${id}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(req), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, `${id}.request.json`));
  const resultFile = path.join(dir, `${id}.result.json`);
  const deadline = Date.now() + timeoutMs;
  let taken = false;
  while (Date.now() < deadline) {
    if (fs.existsSync(resultFile)) {
      const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BackupRequestResult;
      fs.rmSync(resultFile, { force: true });
      return result;
    }
    taken ||= fs.existsSync(path.join(dir, `${id}.taken`));
    // Nobody picked it up within a minute: the process holding the lock is not an AfterDesk app.
    if (!taken && Date.now() > deadline - timeoutMs + 60_000) {
      fs.rmSync(path.join(dir, `${id}.request.json`), { force: true });
      throw new Error(
        'The embedded database is in use, and the process using it did not take the backup request within a minute. Is it an AfterDesk app of this version?',
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The running app did not finish within ${Math.round(timeoutMs / 60_000)} minutes; see its log.`);
}

/** App side: carries out pending requests, one at a time. */
export async function serveBackupRequests(handle: DbHandle): Promise<number> {
  const dir = requestsDir();
  if (!fs.existsSync(dir)) return 0;
  let served = 0;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.request.json'))
    .sort()) {
    const id = name.slice(0, -'.request.json'.length);
    const taken = path.join(dir, `${id}.taken`);
    try {
      fs.renameSync(path.join(dir, name), taken);
    } catch {
      continue; // another watcher took it
    }
    let result: BackupRequestResult;
    try {
      const req = JSON.parse(fs.readFileSync(taken, 'utf8')) as BackupRequest;
      if (req.kind === 'backup') {
        const r = await runBackup({ handle, trigger: 'cli', file: req.file });
        result = {
          ok: true,
          summary: {
            file: r.file,
            sizeBytes: r.sizeBytes,
            rows: r.manifest.totals.rows,
            tables: r.manifest.tables.length,
            blobs: r.manifest.blobs.count,
            missingBlobs: r.manifest.blobs.missing.length,
            fingerprint: r.manifest.dataKey.fingerprint,
          },
        };
      } else {
        const r = await runVerify({ handle, trigger: 'cli', archive: req.archive, appCheck: req.appCheck });
        result = { ok: r.ok, summary: { ...r }, error: r.ok ? undefined : r.mismatches.join('; ') };
      }
    } catch (err) {
      result = { ok: false, summary: {}, error: (err as Error).message };
    }
    const tmp = path.join(dir, `${id}.result.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(result), { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, `${id}.result.json`));
    fs.rmSync(taken, { force: true });
    served++;
  }
  return served;
}

const slot = globalThis as typeof globalThis & { __afterdeskBackupWatcher?: ReturnType<typeof setInterval> };

/** Starts watching for requests (embedded database only: with PostgreSQL the CLI does the work itself). */
export function startBackupRequestWatcher(handle: DbHandle): void {
  if (handle.kind !== 'pglite' || slot.__afterdeskBackupWatcher) return;
  let busy = false;
  slot.__afterdeskBackupWatcher = setInterval(() => {
    if (busy) return;
    busy = true;
    serveBackupRequests(handle)
      .catch((err) => logger.error({ err: { message: (err as Error).message } }, 'backup request failed'))
      .finally(() => {
        busy = false;
      });
  }, 2_000);
  slot.__afterdeskBackupWatcher.unref?.();
}
