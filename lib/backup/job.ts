import 'server-only';
import { publicUrl } from '@/lib/env/public-url';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { getDbHandle, type DbHandle, type Queryable } from '@/db/client';
import { backupRuns, users } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { ROLE_PERMISSIONS, ROLES } from '@/lib/authz';
import { systemCtx } from '@/lib/context';
import { env } from '@/lib/env';
import { isLocale, type Locale } from '@/lib/i18n/config';
import { messagesFor } from '@/lib/i18n/server';
import { createTranslator } from '@/lib/i18n/translate';
import { renderCustomerMail } from '@/lib/mail/customer';
import { queueEmail } from '@/lib/mail/outbox';
import { logger } from '@/lib/log';
import { notifyUsers } from '@/lib/notifications';
import { defaultBackupDir, runBackup, runVerify } from './index';
import { lastSuccessfulRuns } from './runs';
import { loadBackupSchedule, OVERDUE_GRACE, type BackupSchedule } from './schedule';
import { dateTimeFormat } from '@/lib/intl';

const HOUR = 3_600_000;

/** Our archive names (backupFileName): the only files retention may ever delete. */
export const ARCHIVE_NAME = /^afterdesk-\d{8}-\d{6}Z-[a-z0-9]+\.tar\.gz$/;

/**
 * Deletes the oldest of our archives in `dir` beyond the newest `retention`. Only regular files
 * named like ours are counted or touched (no symlinks, no folders, nothing else an operator keeps
 * there); `keep` names are never deleted (the archive of the last verified restore: if every newer
 * archive failed its verify, the one known-good copy stays).
 */
export function pruneArchives(dir: string, retention: number, keep: (string | null | undefined)[] = []): string[] {
  if (!fs.existsSync(dir)) return [];
  const protect = new Set(keep.filter(Boolean));
  const ours = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && ARCHIVE_NAME.test(e.name))
    .map((e) => e.name)
    // The name starts with the UTC time: newest first by name.
    .sort()
    .reverse();
  const deleted: string[] = [];
  for (const name of ours.slice(Math.max(1, retention))) {
    if (protect.has(name)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    deleted.push(name);
  }
  return deleted;
}

export type ScheduledBackupOutcome = {
  skipped?: 'disabled' | 'busy';
  backup?: string | null;
  verified?: boolean | null;
  deleted: string[];
  alerted: { backup: number; verify: number };
};

const ended = (r: { finishedAt: Date | null; startedAt: Date }) => r.finishedAt ?? r.startedAt;

/**
 * The `backup.scheduled` job, every 15 minutes. The queue hands each slot to one claimer and
 * renews its lease while this runs, so one instance at a time does the work; a backup, verify or
 * CLI run already in progress (a `running` row of the last hour) makes this slot step aside.
 * Each step is recorded in backup_runs by runBackup/runVerify, success or failure.
 */
export async function runScheduledBackup(
  opts: { now?: Date; handle?: DbHandle; appCheck?: boolean; signal?: AbortSignal } = {},
): Promise<ScheduledBackupOutcome> {
  const now = opts.now ?? new Date();
  const handle = opts.handle ?? (await getDbHandle());
  const db = handle.db;
  const schedule = await loadBackupSchedule(db);
  const outcome: ScheduledBackupOutcome = { deleted: [], alerted: { backup: 0, verify: 0 } };
  if (!schedule.enabled) return { ...outcome, skipped: 'disabled' };

  const [busy] = await db
    .select({ id: backupRuns.id })
    .from(backupRuns)
    .where(and(eq(backupRuns.status, 'running'), sql`${backupRuns.startedAt} > now() - interval '1 hour'`))
    .limit(1);
  if (busy) return { ...outcome, skipped: 'busy' };

  let last = await lastSuccessfulRuns(db);
  const dueAt = last.backup ? last.backup.startedAt.getTime() + schedule.intervalHours * HOUR : 0;
  if (now.getTime() >= dueAt && !opts.signal?.aborted) {
    try {
      const made = await runBackup({ handle, trigger: 'schedule' });
      outcome.backup = path.basename(made.file);
    } catch {
      outcome.backup = null; // recorded as a failed run; the overdue check below reports it in time
    }
    last = await lastSuccessfulRuns(db);
  }

  // Verify the newest archive once, whether this slot made it or an earlier one did (the verify
  // was turned on later, or the process stopped between the two). A failed verify is not retried
  // every 15 minutes: the next backup brings the next attempt.
  if (schedule.verify && last.backup?.archive && !opts.signal?.aborted) {
    const archive = last.backup.archive;
    const [tried] = await db
      .select({ id: backupRuns.id })
      .from(backupRuns)
      .where(
        and(
          eq(backupRuns.kind, 'verify'),
          eq(backupRuns.archive, archive),
          gte(backupRuns.startedAt, last.backup.startedAt),
        ),
      )
      .limit(1);
    const file = path.join(defaultBackupDir(), archive);
    if (!tried && fs.existsSync(file)) {
      try {
        outcome.verified = (
          await runVerify({ handle, trigger: 'schedule', archive: file, appCheck: opts.appCheck ?? true })
        ).ok;
      } catch {
        outcome.verified = false;
      }
      last = await lastSuccessfulRuns(db);
    }
  }

  if (!opts.signal?.aborted) {
    outcome.deleted = pruneArchives(defaultBackupDir(), schedule.retention, [
      last.verify?.archive,
      last.backup?.archive,
    ]);
    if (outcome.deleted.length) {
      await transaction((tx) =>
        recordAudit(tx, systemCtx('job:backup.scheduled'), {
          action: 'backup.pruned',
          entityType: 'backup',
          after: { deleted: outcome.deleted, retention: schedule.retention },
        }),
      );
      logger.info({ deleted: outcome.deleted }, 'old backups deleted');
    }
  }

  outcome.alerted = await alertIfOverdue({ now, schedule, db });
  return outcome;
}

export type OverdueState = { overdue: boolean; since: Date | null; never: boolean; limitHours: number };

/** Whether the newest successful backup / verify is older than its interval times the grace. */
export function overdueStates(
  schedule: BackupSchedule,
  last: {
    backup: { finishedAt: Date | null; startedAt: Date } | null;
    verify: { finishedAt: Date | null; startedAt: Date } | null;
  },
  now: Date,
) {
  const limitHours = schedule.intervalHours * OVERDUE_GRACE;
  const since = schedule.since ? new Date(schedule.since) : null;
  const state = (run: { finishedAt: Date | null; startedAt: Date } | null, active: boolean): OverdueState => {
    // Never done: the clock runs from when the schedule was turned on.
    const ref = run ? ended(run) : since;
    return {
      overdue: active && !!ref && now.getTime() - ref.getTime() > limitHours * HOUR,
      since: ref,
      never: !run,
      limitHours,
    };
  };
  return {
    backup: state(last.backup, schedule.enabled),
    verify: state(last.verify, schedule.enabled && schedule.verify),
  };
}

/** Active people who may manage backups: checked by permission, never by role name. */
async function backupAdmins(db: Queryable) {
  const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('manage:backup:any'));
  if (roles.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.active, true)))
    .orderBy(desc(users.createdAt));
}

/**
 * Tells every admin, by bell and by e-mail, when the newest backup or verify is overdue. Once per
 * episode: the notification's dedupe key is the time of the last good run (or the schedule's
 * start), so the next 15-minute slots find it already there and send nothing; a new good run ends
 * the episode and the next lapse starts a new one. E-mails go only to those notified just now, in
 * the same transaction, so bell and e-mail never disagree.
 */
export async function alertIfOverdue(opts: {
  now: Date;
  schedule: BackupSchedule;
  db: Queryable;
}): Promise<{ backup: number; verify: number }> {
  const states = overdueStates(opts.schedule, await lastSuccessfulRuns(opts.db), opts.now);
  const result = { backup: 0, verify: 0 };
  if (!states.backup.overdue && !states.verify.overdue) return result;
  const admins = await backupAdmins(opts.db);
  if (admins.length === 0) return result;
  const link = new URL('/admin/backups', publicUrl()).toString();
  await transaction(async (tx) => {
    for (const which of ['backup', 'verify'] as const) {
      const s = states[which];
      if (!s.overdue || !s.since) continue;
      const kind = which === 'backup' ? 'backup_overdue' : 'verify_overdue';
      const notified = new Set(
        await notifyUsers(tx, {
          userIds: admins.map((a) => a.id),
          kind,
          dedupeKey: `${kind}:${s.since.toISOString()}`,
        }),
      );
      for (const a of admins.filter((x) => notified.has(x.id))) {
        const locale: Locale = isLocale(a.locale) ? a.locale : env().DEFAULT_LOCALE;
        const t = createTranslator(messagesFor(locale));
        const hours = String(Math.round(s.limitHours));
        const when = dateTimeFormat(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: env().SHOP_TIMEZONE,
        }).format(s.since);
        const r = { name: a.name, to: a.email, locale, t };
        await queueEmail(tx, {
          to: a.email,
          subject: t(`backups.mail.${which}Subject`),
          ...renderCustomerMail(r, {
            paragraphs: [
              t(s.never ? `backups.mail.${which}NeverLead` : `backups.mail.${which}Lead`, { hours, when }),
              t('backups.mail.nextStep'),
            ],
            link,
            linkLabel: t('backups.mail.open'),
          }),
        });
      }
      result[which] = notified.size;
      if (notified.size) {
        await recordAudit(tx, systemCtx('job:backup.scheduled'), {
          action: `backup.${kind}`,
          entityType: 'backup',
          after: { lastGood: s.since.toISOString(), notified: notified.size },
        });
      }
    }
  });
  if (result.backup || result.verify) logger.warn(result, 'backups overdue: admins alerted');
  return result;
}
