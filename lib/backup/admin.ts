import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb, getDbHandle } from '@/db/client';
import { newestFirst } from '@/db/keyset';
import { backupRuns, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { formatFingerprint, storedFingerprint } from '@/lib/crypto/key-check';
import { AppError } from '@/lib/errors';
import { toPage, type Page } from '@/lib/pagination';
import { defaultBackupDir, runBackup, runVerify } from './index';
import { overdueStates } from './job';
import { lastSuccessfulRuns } from './runs';
import { loadBackupSchedule, type BackupSchedule } from './schedule';

export type BackupRunDto = {
  id: string;
  kind: 'backup' | 'verify';
  status: 'running' | 'succeeded' | 'failed';
  trigger: string;
  archive: string | null;
  sizeBytes: number | null;
  rows: number | null;
  blobs: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  requestedBy: string | null;
};

/** What the admin page shows for the last backup and the last verified restore. */
export type BackupState = 'ok' | 'overdue' | 'never' | 'failed' | 'off';

export type BackupOverview = {
  schedule: BackupSchedule;
  backup: { state: BackupState; last: BackupRunDto | null; lastFailure: BackupRunDto | null; limitHours: number };
  verify: { state: BackupState; last: BackupRunDto | null; lastFailure: BackupRunDto | null; limitHours: number };
  /** Data key fingerprint stored with the data (never the key itself). */
  fingerprint: string | null;
  backupDir: string;
  /** The newest archive still on disk, for "Verify now". */
  latestArchive: string | null;
};

type RunRow = typeof backupRuns.$inferSelect & { requestedByEmail?: string | null };

function toDto(r: RunRow): BackupRunDto {
  return {
    id: r.id,
    kind: r.kind as BackupRunDto['kind'],
    status: r.status as BackupRunDto['status'],
    trigger: r.trigger,
    archive: r.archive,
    sizeBytes: r.sizeBytes,
    rows: r.rows,
    blobs: r.blobs,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    requestedBy: r.requestedByEmail ?? null,
  };
}

async function latestRun(kind: 'backup' | 'verify') {
  const db = await getDb();
  const [r] = await db
    .select()
    .from(backupRuns)
    .where(eq(backupRuns.kind, kind))
    .orderBy(desc(backupRuns.startedAt))
    .limit(1);
  return r ?? null;
}

export async function getBackupOverview({ ctx, now = new Date() }: { ctx: Ctx; now?: Date }): Promise<BackupOverview> {
  authorize(ctx.actor, 'read:backup:any');
  const db = await getDb();
  const [schedule, last, newestBackup, newestVerify, fingerprint] = await Promise.all([
    loadBackupSchedule(db),
    lastSuccessfulRuns(db),
    latestRun('backup'),
    latestRun('verify'),
    storedFingerprint(db),
  ]);
  const overdue = overdueStates(schedule, last, now);
  const state = (good: RunRow | null, newest: RunRow | null, o: { overdue: boolean }, active: boolean): BackupState => {
    // A failure newer than the last success is what the admin must act on first.
    if (newest && newest.status === 'failed' && (!good || newest.startedAt > good.startedAt)) return 'failed';
    if (!good) return active ? (o.overdue ? 'overdue' : 'never') : 'never';
    if (o.overdue) return 'overdue';
    return active ? 'ok' : 'off';
  };
  const failure = (good: RunRow | null, newest: RunRow | null) =>
    newest && newest.status === 'failed' && (!good || newest.startedAt > good.startedAt) ? toDto(newest) : null;
  const dir = defaultBackupDir();
  const latestArchive =
    last.backup?.archive && fs.existsSync(path.join(dir, last.backup.archive)) ? last.backup.archive : null;
  return {
    schedule,
    backup: {
      state: state(last.backup, newestBackup, overdue.backup, schedule.enabled),
      last: last.backup ? toDto(last.backup) : null,
      lastFailure: failure(last.backup, newestBackup),
      limitHours: overdue.backup.limitHours,
    },
    verify: {
      state: state(last.verify, newestVerify, overdue.verify, schedule.enabled && schedule.verify),
      last: last.verify ? toDto(last.verify) : null,
      lastFailure: failure(last.verify, newestVerify),
      limitHours: overdue.verify.limitHours,
    },
    fingerprint: fingerprint ? formatFingerprint(fingerprint) : null,
    backupDir: dir,
    latestArchive,
  };
}

/** Every backup and verify, newest first (keyset on started_at, id). */
export async function listBackupRuns({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { cursor?: string | null };
}): Promise<Page<BackupRunDto>> {
  authorize(ctx.actor, 'read:backup:any');
  const db = await getDb();
  const keyset = newestFirst(backupRuns.startedAt, backupRuns.id, input.cursor, 'uuid');
  const rows = await db
    .select({ row: backupRuns, key: keyset.key, email: users.email })
    .from(backupRuns)
    .leftJoin(users, eq(users.id, backupRuns.requestedBy))
    .where(keyset.where)
    .orderBy(desc(backupRuns.startedAt), desc(backupRuns.id))
    .limit(21);
  const page = toPage(rows, 20, (r) => keyset.cursorOf({ key: r.key, id: r.row.id }));
  return { nextCursor: page.nextCursor, items: page.items.map((r) => toDto({ ...r.row, requestedByEmail: r.email })) };
}

/** Refuses a second run while one is in progress (a double click, two admins, the schedule). */
async function refuseIfBusy() {
  const db = await getDb();
  const [busy] = await db
    .select({ id: backupRuns.id })
    .from(backupRuns)
    .where(sql`${backupRuns.status} = 'running' and ${backupRuns.startedAt} > now() - interval '1 hour'`)
    .limit(1);
  if (busy) throw new AppError('backup_running');
}

/** "Back up now": a backup in this process, recorded in backup_runs and audited. */
export async function backUpNow({ ctx }: { ctx: Ctx }): Promise<{ archive: string; sizeBytes: number; rows: number }> {
  const actor = authorize(ctx.actor, 'manage:backup:any');
  await refuseIfBusy();
  const handle = await getDbHandle();
  let result;
  try {
    result = await runBackup({ handle, trigger: 'admin', requestedBy: actor.userId });
  } catch {
    // The reason is in the run's row (shown on the page); the admin gets a plain message.
    throw new AppError('backup_failed');
  }
  const archive = path.basename(result.file);
  await transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'backup.run',
      entityType: 'backup',
      entityId: archive,
      after: { sizeBytes: result.sizeBytes, rows: result.manifest.totals.rows },
    }),
  );
  return { archive, sizeBytes: result.sizeBytes, rows: result.manifest.totals.rows };
}

/** "Verify now": restores the newest archive aside and compares it, with the app check. */
export async function verifyLatestNow({
  ctx,
  appCheck = true,
}: {
  ctx: Ctx;
  appCheck?: boolean;
}): Promise<{ archive: string; ok: boolean }> {
  const actor = authorize(ctx.actor, 'manage:backup:any');
  await refuseIfBusy();
  const handle = await getDbHandle();
  const last = await lastSuccessfulRuns(handle.db);
  const file = last.backup?.archive ? path.join(defaultBackupDir(), last.backup.archive) : null;
  if (!file || !fs.existsSync(file)) throw new AppError('no_backup');
  let ok = false;
  try {
    ok = (await runVerify({ handle, trigger: 'admin', archive: file, appCheck, requestedBy: actor.userId })).ok;
  } catch {
    ok = false;
  }
  const archive = path.basename(file);
  await transaction((tx) =>
    recordAudit(tx, ctx, { action: 'backup.verify', entityType: 'backup', entityId: archive, after: { ok } }),
  );
  return { archive, ok };
}
