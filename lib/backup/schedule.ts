import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable } from '@/db/client';
import { instanceMeta } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';

/**
 * The admin's backup schedule, kept in instance_meta under `backup_schedule` (it belongs with the
 * data it protects, not with one instance's configuration).
 *
 * Off until an admin turns it on. A fresh demo, a CI run or an e2e server must not start making
 * archives, spawning a verify server and e-mailing admins on its own: that would fill small disks
 * and put unexpected messages in every outbox test. The admin page says plainly that scheduled
 * backups are off, and a production install turns them on once at setup. Once on, the defaults
 * (every 24 h, keep 7 archives, verify each one) bound the disk to seven archives.
 */
export const BACKUP_SCHEDULE_META_KEY = 'backup_schedule';

export type BackupSchedule = {
  enabled: boolean;
  intervalHours: number;
  /** How many archives to keep in the backup folder (the newest; never the last verified one). */
  retention: number;
  /** Verify each scheduled backup by restoring it aside. */
  verify: boolean;
  /** When scheduled backups were last turned on: the start of the first overdue clock. */
  since: string | null;
};

export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = {
  enabled: false,
  intervalHours: 24,
  retention: 7,
  verify: true,
  since: null,
};

/** An alert goes out once the newest backup (or verify) is older than this many intervals. */
export const OVERDUE_GRACE = 1.5;

const int = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;

/** The stored schedule, any missing or out-of-range field replaced by its default. */
export async function loadBackupSchedule(db: Queryable): Promise<BackupSchedule> {
  const [row] = await db
    .select({ value: instanceMeta.value })
    .from(instanceMeta)
    .where(eq(instanceMeta.key, BACKUP_SCHEDULE_META_KEY));
  const v = row?.value ?? {};
  const d = DEFAULT_BACKUP_SCHEDULE;
  return {
    enabled: typeof v.enabled === 'boolean' ? v.enabled : d.enabled,
    intervalHours: int(1, 168)(v.intervalHours) ?? d.intervalHours,
    retention: int(1, 90)(v.retention) ?? d.retention,
    verify: typeof v.verify === 'boolean' ? v.verify : d.verify,
    since: typeof v.since === 'string' && !Number.isNaN(Date.parse(v.since)) ? v.since : null,
  };
}

export async function getBackupSchedule({ ctx }: { ctx: Ctx }): Promise<BackupSchedule> {
  authorize(ctx.actor, 'read:backup:any');
  return loadBackupSchedule(await getDb());
}

/** Form fields arrive as strings; a checkbox is "on" when ticked and absent otherwise. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

export const SaveBackupScheduleInput = z.object({
  enabled: flag,
  intervalHours: z.coerce
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(168, 'out_of_range'),
  retention: z.coerce
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(90, 'out_of_range'),
  verify: flag,
});
export type SaveBackupScheduleInput = z.infer<typeof SaveBackupScheduleInput>;

/** Saves the schedule; the next run of the `backup.scheduled` job (within 15 minutes) follows it. */
export async function saveBackupSchedule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BackupSchedule> {
  authorize(ctx.actor, 'manage:backup:any');
  const data = parseInput(SaveBackupScheduleInput, input);
  return transaction(async (tx) => {
    // Row lock (or, for the first save, the primary key) serialises two admins saving at once.
    await tx.execute(sql`select 1 from instance_meta where key = ${BACKUP_SCHEDULE_META_KEY} for update`);
    const before = await loadBackupSchedule(tx);
    // Turning the schedule on starts the overdue clock now; keeping it on keeps the clock.
    const since = data.enabled ? (before.enabled && before.since ? before.since : new Date().toISOString()) : null;
    const after: BackupSchedule = { ...data, since };
    await tx
      .insert(instanceMeta)
      .values({ key: BACKUP_SCHEDULE_META_KEY, value: after })
      .onConflictDoUpdate({ target: instanceMeta.key, set: { value: after, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, {
      action: 'backup.schedule',
      entityType: 'instance_meta',
      entityId: BACKUP_SCHEDULE_META_KEY,
      before: {
        enabled: before.enabled,
        intervalHours: before.intervalHours,
        retention: before.retention,
        verify: before.verify,
      },
      after: {
        enabled: after.enabled,
        intervalHours: after.intervalHours,
        retention: after.retention,
        verify: after.verify,
      },
    });
    return after;
  });
}
