import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { emailOutbox, instanceMeta, notifications } from '@/db/schema';
import { LocalDiskStore, setBlobStoreForTests } from '@/lib/attachments/storage';
import { keyFingerprint, storeFingerprint } from '@/lib/crypto/key-check';
import { resetEnvCache } from '@/lib/env';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { anonymousCtx, createTestUser, ctxFor } from '@/test/factories';
import { runBackup } from './index';
import { alertIfOverdue, pruneArchives, runScheduledBackup } from './job';
import { BACKUP_SCHEDULE_META_KEY, getBackupSchedule, loadBackupSchedule, saveBackupSchedule } from './schedule';

/**
 * The backup schedule, the `backup.scheduled` job and its overdue alerts, on the test database
 * itself (PGlite, or the shared PostgreSQL database other files write to: no empty tables assumed).
 * Archives go to a temporary BACKUP_DIR; verifies run without the app check (no server started).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let dir: string;
let savedBackupDir: string | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-schedule-test-'));
  savedBackupDir = process.env.BACKUP_DIR;
  process.env.BACKUP_DIR = path.join(dir, 'backups');
  resetEnvCache();
  setBlobStoreForTests(new LocalDiskStore(path.join(dir, 'attachments')));
  await storeFingerprint(await getDb(), keyFingerprint(Buffer.from(process.env.DATA_ENCRYPTION_KEY!, 'base64')));
});

afterAll(async () => {
  // Leave the shared database with scheduled backups off, as a fresh install has them.
  await (await getDb()).delete(instanceMeta).where(eq(instanceMeta.key, BACKUP_SCHEDULE_META_KEY));
  setBlobStoreForTests(undefined);
  if (savedBackupDir === undefined) delete process.env.BACKUP_DIR;
  else process.env.BACKUP_DIR = savedBackupDir;
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
});

const admin = async () => ctxFor(await createTestUser({ role: 'admin' }));
const schedule = async (input: Record<string, unknown>) => saveBackupSchedule({ ctx: await admin(), input });
const archives = () =>
  fs.existsSync(process.env.BACKUP_DIR!)
    ? fs
        .readdirSync(process.env.BACKUP_DIR!)
        .filter((n) => n.endsWith('.tar.gz'))
        .sort()
    : [];

describe('backup schedule settings', () => {
  it('an admin saves it, with an audit event; the defaults are off, 24 h, keep 7, verify', async () => {
    await (await getDb()).delete(instanceMeta).where(eq(instanceMeta.key, BACKUP_SCHEDULE_META_KEY));
    const ctx = await admin();
    expect(await getBackupSchedule({ ctx })).toMatchObject({
      enabled: false,
      intervalHours: 24,
      retention: 7,
      verify: true,
      since: null,
    });
    const saved = await saveBackupSchedule({ ctx, input: { enabled: 'on', intervalHours: '12', retention: '3' } });
    expect(saved).toMatchObject({ enabled: true, intervalHours: 12, retention: 3, verify: false });
    expect(saved.since).toBeTruthy();
    expect(await loadBackupSchedule(await getDb())).toEqual(saved);
    const audit = rowsOf(
      await (
        await getDb()
      ).execute(
        sql`select action from audit_events where actor_id = ${ctx.actor!.userId}::uuid and action = 'backup.schedule'`,
      ),
    );
    expect(audit.length).toBe(1);
    // Saving again while on keeps the overdue clock where it was.
    const again = await saveBackupSchedule({
      ctx,
      input: { enabled: true, intervalHours: 6, retention: 3, verify: true },
    });
    expect(again.since).toBe(saved.since);
  });

  it('refuses supervisors, agents, customers and anonymous callers before looking at the input', async () => {
    for (const role of ['supervisor', 'agent', 'customer'] as const) {
      const ctx = await ctxFor(await createTestUser({ role }));
      await expect(
        saveBackupSchedule({ ctx, input: { enabled: true, intervalHours: 1, retention: 1 } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getBackupSchedule({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(saveBackupSchedule({ ctx: anonymousCtx(), input: {} })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('keeps the interval within 1–168 hours and retention within 1–90', async () => {
    const ctx = await admin();
    for (const bad of [
      { intervalHours: 0, retention: 7 },
      { intervalHours: 169, retention: 7 },
      { intervalHours: 24, retention: 0 },
      { intervalHours: 24, retention: 91 },
      { intervalHours: 'x', retention: 7 },
    ]) {
      await expect(saveBackupSchedule({ ctx, input: { enabled: true, ...bad } })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
  });
});

describe('retention', () => {
  it('deletes only the oldest of our archives beyond the count, never other files or the kept one', () => {
    const d = path.join(dir, 'prune');
    fs.mkdirSync(d, { recursive: true });
    const ours = [
      'afterdesk-20260101-000000Z-pglite.tar.gz',
      'afterdesk-20260102-000000Z-postgres.tar.gz',
      'afterdesk-20260103-000000Z-pglite.tar.gz',
      'afterdesk-20260104-000000Z-pglite.tar.gz',
    ];
    const others = [
      'notes.txt',
      'afterdesk-manual.tar.gz',
      'other-20200101-000000Z-pglite.tar.gz',
      'afterdesk-20200101-000000Z-pglite.tar.gz.partial',
    ];
    for (const n of [...ours, ...others]) fs.writeFileSync(path.join(d, n), 'x');
    fs.mkdirSync(path.join(d, 'afterdesk-20190101-000000Z-pglite.tar.gz')); // a folder named like ours
    expect(pruneArchives(d, 2, [ours[0]])).toEqual([ours[1]]);
    expect(fs.readdirSync(d).sort()).toEqual(
      [...others, 'afterdesk-20190101-000000Z-pglite.tar.gz', ours[0], ours[2], ours[3]].sort(),
    );
    expect(pruneArchives(d, 2)).toEqual([ours[0]]);
    expect(pruneArchives(path.join(dir, 'missing'), 1)).toEqual([]);
  });
});

describe('the backup.scheduled job', () => {
  it('does nothing while the schedule is off', async () => {
    await (await getDb()).delete(instanceMeta).where(eq(instanceMeta.key, BACKUP_SCHEDULE_META_KEY));
    expect((await runScheduledBackup({ appCheck: false })).skipped).toBe('disabled');
  });

  it('makes a backup when none is recent, not when one is, verifies it and prunes to the retention', async () => {
    await schedule({ enabled: true, intervalHours: 24, retention: 2, verify: true });
    // An old archive of ours already in the folder, and a file that is not ours.
    fs.mkdirSync(process.env.BACKUP_DIR!, { recursive: true });
    fs.writeFileSync(path.join(process.env.BACKUP_DIR!, 'afterdesk-20200101-000000Z-pglite.tar.gz'), 'old');
    fs.writeFileSync(path.join(process.env.BACKUP_DIR!, 'keep-me.txt'), 'mine');

    // However recent the last backup on this database is, a day and an hour later one is due
    // (and, just made, it is not overdue: no alert goes out).
    const first = await runScheduledBackup({ now: new Date(Date.now() + DAY + HOUR), appCheck: false });
    expect(first.alerted).toEqual({ backup: 0, verify: 0 });
    expect(first.backup).toMatch(/^afterdesk-\d{8}-\d{6}Z-(pglite|postgres)\.tar\.gz$/);
    expect(first.verified).toBe(true);
    expect(archives()).toContain(first.backup);

    // Right after it, nothing is due: no second archive, no second verify.
    const second = await runScheduledBackup({ appCheck: false });
    expect(second.backup).toBeUndefined();
    expect(second.verified).toBeUndefined();

    // Two more scheduled backups: only the two newest of ours stay; other files are left alone.
    await new Promise((r) => setTimeout(r, 1100)); // archive names have one-second resolution
    const third = await runScheduledBackup({ now: new Date(Date.now() + DAY + HOUR), appCheck: false });
    expect(third.deleted).toContain('afterdesk-20200101-000000Z-pglite.tar.gz');
    expect(archives()).toEqual([first.backup, third.backup].sort());
    expect(fs.existsSync(path.join(process.env.BACKUP_DIR!, 'keep-me.txt'))).toBe(true);
  }, 120_000); // two verifies: each restores the whole database into a scratch one
});

describe('the overdue alert', () => {
  const mine = async (userId: string, kind: string) =>
    (
      await (
        await getDb()
      )
        .select({ id: notifications.id, key: notifications.dedupeKey })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
    ).length;
  const mailsTo = async (email: string) =>
    (
      await (
        await getDb()
      )
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, email), like(emailOutbox.subject, 'AfterDesk%')))
    ).length;

  it('tells every admin once per overdue episode, by bell and by e-mail, and not agents', async () => {
    const s = await schedule({ enabled: true, intervalHours: 1, retention: 5, verify: false });
    const a1 = await createTestUser({ role: 'admin' });
    const a2 = await createTestUser({ role: 'admin' });
    const off = await createTestUser({ role: 'admin', active: false });
    const agent = await createTestUser({ role: 'agent' });
    await runBackup({ handle: await getDbHandle(), trigger: 'schedule' }); // the last good backup: the episode's start
    const later = new Date(Date.now() + 3 * HOUR); // 3 h > 1.5 × 1 h

    const first = await alertIfOverdue({ now: later, schedule: s, db: await getDb() });
    expect(first.backup).toBeGreaterThanOrEqual(2);
    expect(first.verify).toBe(0); // verifying is off: no verify alert
    // The next 15-minute slots find the episode already reported.
    const again = await alertIfOverdue({
      now: new Date(later.getTime() + 15 * 60_000),
      schedule: s,
      db: await getDb(),
    });
    expect(again).toEqual({ backup: 0, verify: 0 });
    for (const a of [a1, a2]) {
      expect(await mine(a.id, 'backup_overdue')).toBe(1);
      expect(await mailsTo(a.email)).toBe(1);
    }
    expect(await mine(off.id, 'backup_overdue')).toBe(0);
    expect(await mine(agent.id, 'backup_overdue')).toBe(0);
    expect(await mailsTo(agent.email)).toBe(0);

    // A new good backup ends the episode; the next lapse is a new one, reported once more.
    await new Promise((r) => setTimeout(r, 1100));
    await runBackup({ handle: await getDbHandle(), trigger: 'schedule' });
    await alertIfOverdue({ now: new Date(Date.now() + 3 * HOUR), schedule: s, db: await getDb() });
    await alertIfOverdue({ now: new Date(Date.now() + 3 * HOUR), schedule: s, db: await getDb() });
    expect(await mine(a1.id, 'backup_overdue')).toBe(2);
    expect(await mailsTo(a1.email)).toBe(2);
  });

  it('reports a missing verify when verifying is on', async () => {
    const s = { ...(await schedule({ enabled: true, intervalHours: 1, retention: 5, verify: true })) };
    const a = await createTestUser({ role: 'admin' });
    const far = new Date(Date.now() + 30 * DAY);
    const r = await alertIfOverdue({ now: far, schedule: s, db: await getDb() });
    expect(r.verify).toBeGreaterThanOrEqual(1);
    expect(await mine(a.id, 'verify_overdue')).toBe(1);
    await alertIfOverdue({ now: far, schedule: s, db: await getDb() });
    expect(await mine(a.id, 'verify_overdue')).toBe(1);
  });
});
