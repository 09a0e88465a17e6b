'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions';
import { backUpNow, verifyLatestNow } from '@/lib/backup/admin';
import { saveBackupSchedule } from '@/lib/backup/schedule';
import { getT } from '@/lib/i18n/server';

export type SaveScheduleState = ActionResult<unknown>;

/** Our verbs' own failure codes are worded in the backups section, not the shared errors list. */
async function withBackupMessages<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok || !['backup_running', 'backup_failed', 'no_backup'].includes(result.code)) return result;
  const t = await getT();
  return { ...result, message: t.dynamic(`backups.errors.${result.code}`, undefined, result.message) };
}

export async function saveBackupScheduleAction(
  _prev: SaveScheduleState | null,
  form: FormData,
): Promise<SaveScheduleState> {
  const t = await getT();
  const input = {
    enabled: form.get('enabled'),
    intervalHours: form.get('intervalHours'),
    retention: form.get('retention'),
    verify: form.get('verify'),
  };
  const result = await runAction(
    (ctx) => saveBackupSchedule({ ctx, input }),
    () => t('backups.saved'),
  );
  if (result.ok) revalidatePath('/admin/backups');
  return result;
}

export async function backUpNowAction() {
  const t = await getT();
  const result = await runAction(
    (ctx) => backUpNow({ ctx }),
    (r) => t('backups.backedUp', { archive: r.archive }),
  );
  revalidatePath('/admin/backups');
  return withBackupMessages(result);
}

export async function verifyNowAction() {
  const t = await getT();
  const result = await runAction(
    (ctx) => verifyLatestNow({ ctx }),
    (r) => (r.ok ? t('backups.verifiedOk', { archive: r.archive }) : undefined),
  );
  revalidatePath('/admin/backups');
  if (result.ok && !result.data.ok)
    return { ok: false as const, code: 'verify_failed', message: t('backups.verifiedFailed') };
  return withBackupMessages(result);
}
