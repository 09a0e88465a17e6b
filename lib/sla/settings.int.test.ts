import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { Ctx } from '@/lib/context';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { anonymousCtx, createTestUser, ctxFor } from '@/test/factories';
import { getSlaSettings, saveBusinessCalendar, saveSlaPolicy, type SlaSettings } from './settings';

/**
 * The SLA targets and the business calendar are global singletons, and other test files may open
 * cases against them at the same time (e.g. expecting round-the-clock clocks and 7 days to
 * auto-close). So every change here is either semantically neutral or undone straight away, and no
 * test assumes particular values — it reads them first and writes them back with the current version.
 */

const hhmm = (m: number) =>
  `${String(Math.floor(Math.min(m, 1439) / 60)).padStart(2, '0')}:${String(Math.min(m, 1439) % 60).padStart(2, '0')}`;

/** The calendar input that reproduces the stored calendar exactly. */
function calendarInput(s: SlaSettings) {
  const hours = s.calendar.hours;
  return {
    version: s.calendarVersion,
    businessHours: hours !== null,
    days: Array.from({ length: 7 }, (_, i) => {
      const h = hours?.[i] ?? null;
      return h ? { open: true, from: hhmm(h[0]), to: hhmm(h[1]) } : { open: false, from: '09:00', to: '18:00' };
    }),
    holidays: [...(s.calendar.holidays ?? [])].join('\n'),
    extraWorkdays: [...(s.calendar.extraWorkdays ?? [])].join('\n'),
    autoCloseDays: s.autoCloseDays,
  };
}

/** A calendar input that is valid whatever is stored: business hours Monday to Friday. */
function validCalendar(version: number) {
  return {
    version,
    businessHours: true,
    days: Array.from({ length: 7 }, (_, i) => ({ open: i >= 1 && i <= 5, from: '09:00', to: '18:00' })),
    holidays: '2027-01-01',
    extraWorkdays: '',
    autoCloseDays: 7,
  };
}

async function auditOf(ctx: Ctx) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.requestId, ctx.requestId ?? ''));
}

describe('SLA settings are admin-only', () => {
  it.each(['agent', 'supervisor', 'customer'] as const)(
    'refuses a caller with the %s role, for reading and changing',
    async (role) => {
      const ctx = await ctxFor(await createTestUser({ role }));
      await expect(getSlaSettings({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        saveSlaPolicy({
          ctx,
          input: {
            priority: 'low',
            version: 1,
            firstResponseMinutes: 60,
            decisionMinutes: 120,
            resolutionMinutes: 240,
          },
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveBusinessCalendar({ ctx, input: validCalendar(1) })).rejects.toBeInstanceOf(ForbiddenError);
    },
  );

  it('an anonymous caller is refused', async () => {
    const ctx = anonymousCtx();
    await expect(getSlaSettings({ ctx })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      saveSlaPolicy({
        ctx,
        input: { priority: 'low', version: 1, firstResponseMinutes: 60, decisionMinutes: 120, resolutionMinutes: 240 },
      }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(saveBusinessCalendar({ ctx, input: validCalendar(1) })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('saveSlaPolicy', () => {
  it('saves one priority with an audit event, refuses a stale version, and is restored', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const before = (await getSlaSettings({ ctx: admin })).targets.low;
    const original = {
      priority: 'low',
      firstResponseMinutes: before.firstResponse,
      decisionMinutes: before.decision,
      resolutionMinutes: before.resolution,
    };
    // One minute more (or less, at the ceiling) on the least used priority, undone below.
    const changed = {
      ...original,
      resolutionMinutes: before.resolution < 86_400 ? before.resolution + 1 : before.resolution - 1,
    };
    try {
      await saveSlaPolicy({ ctx: admin, input: { ...changed, version: before.version } });
      const after = (await getSlaSettings({ ctx: admin })).targets.low;
      expect(after).toMatchObject({
        firstResponse: before.firstResponse,
        decision: before.decision,
        resolution: changed.resolutionMinutes,
        version: before.version + 1,
      });
      const [event] = await auditOf(admin);
      expect(event).toMatchObject({
        action: 'sla.update',
        entityType: 'sla_policy',
        entityId: 'low',
        actorId: admin.actor!.userId,
      });
      expect(event!.changes).toEqual({
        resolutionMinutes: { before: before.resolution, after: changed.resolutionMinutes },
      });

      await expect(
        saveSlaPolicy({ ctx: admin, input: { ...original, version: before.version } }),
      ).rejects.toBeInstanceOf(ConflictError);
    } finally {
      const current = (await getSlaSettings({ ctx: admin })).targets.low;
      await saveSlaPolicy({ ctx: admin, input: { ...original, version: current.version } });
    }
    expect((await getSlaSettings({ ctx: admin })).targets.low).toMatchObject({
      firstResponse: before.firstResponse,
      decision: before.decision,
      resolution: before.resolution,
    });
  });

  it('reports out-of-order and out-of-range targets on their fields, changing nothing', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const { version } = (await getSlaSettings({ ctx: admin })).targets.normal;
    const save = (values: Record<string, unknown>) =>
      saveSlaPolicy({
        ctx: admin,
        input: {
          priority: 'normal',
          version,
          firstResponseMinutes: 60,
          decisionMinutes: 120,
          resolutionMinutes: 240,
          ...values,
        },
      });

    await expect(save({ decisionMinutes: 30 })).rejects.toMatchObject({
      fieldErrors: { decisionMinutes: ['decision_before_response'] },
    });
    await expect(save({ resolutionMinutes: 90 })).rejects.toMatchObject({
      fieldErrors: { resolutionMinutes: ['resolution_before_decision'] },
    });
    await expect(save({ firstResponseMinutes: 4 })).rejects.toMatchObject({
      fieldErrors: { firstResponseMinutes: ['invalid_minutes'] },
    });
    await expect(save({ firstResponseMinutes: '1.5' })).rejects.toMatchObject({
      fieldErrors: { firstResponseMinutes: ['invalid_minutes'] },
    });
    await expect(save({ resolutionMinutes: 86_401 })).rejects.toMatchObject({
      fieldErrors: { resolutionMinutes: ['invalid_minutes'] },
    });
    await expect(save({ priority: 'whenever' })).rejects.toMatchObject({
      fieldErrors: { priority: ['invalid_choice'] },
    });
    expect(await auditOf(admin)).toHaveLength(0);
  });
});

describe('saveBusinessCalendar', () => {
  it('saves the calendar with an audit event, refuses a stale version, and is restored', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const before = await getSlaSettings({ ctx: admin });
    const original = calendarInput(before);
    // Adds a holiday long past, and otherwise keeps the calendar as it is: neutral for other tests.
    const pastHoliday = `1999-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
    const changed = { ...original, holidays: `${original.holidays}\n${pastHoliday}, ${pastHoliday}` };
    try {
      await saveBusinessCalendar({ ctx: admin, input: changed });
      const after = await getSlaSettings({ ctx: admin });
      expect(after.calendarVersion).toBe(before.calendarVersion + 1);
      expect([...after.calendar.holidays!]).toEqual([...new Set([...before.calendar.holidays!, pastHoliday])].sort());
      expect(after.calendar.hours).toEqual(before.calendar.hours);
      expect(after.autoCloseDays).toBe(before.autoCloseDays);
      const [event] = await auditOf(admin);
      expect(event).toMatchObject({
        action: 'sla.calendar',
        entityType: 'business_calendar',
        entityId: '1',
        actorId: admin.actor!.userId,
      });
      expect(Object.keys(event!.changes ?? {})).toEqual(['holidays']);

      await expect(saveBusinessCalendar({ ctx: admin, input: original })).rejects.toBeInstanceOf(ConflictError);
    } finally {
      const current = await getSlaSettings({ ctx: admin });
      await saveBusinessCalendar({ ctx: admin, input: { ...original, version: current.calendarVersion } });
    }
    const restored = await getSlaSettings({ ctx: admin });
    expect([...restored.calendar.holidays!]).toEqual([...before.calendar.holidays!]);
    expect(restored.calendar.hours).toEqual(before.calendar.hours);
    expect(restored.autoCloseDays).toBe(before.autoCloseDays);
  });

  it('reports bad hours, dates and days with field error codes, changing nothing', async () => {
    const admin = await ctxFor(await createTestUser({ role: 'admin' }));
    const { calendarVersion } = await getSlaSettings({ ctx: admin });
    const base = validCalendar(calendarVersion);
    const save = (values: Record<string, unknown>) =>
      saveBusinessCalendar({ ctx: admin, input: { ...base, ...values } });
    const days = (patch: (d: (typeof base.days)[number], i: number) => Partial<(typeof base.days)[number]>) =>
      base.days.map((d, i) => ({ ...d, ...patch(d, i) }));

    await expect(save({ days: days((_, i) => (i === 3 ? { from: '18:00', to: '09:00' } : {})) })).rejects.toMatchObject(
      { fieldErrors: { 'days.3.to': ['end_before_start'] } },
    );
    await expect(save({ days: days((_, i) => (i === 1 ? { from: '9am' } : {})) })).rejects.toMatchObject({
      fieldErrors: { 'days.1.from': ['invalid_time'] },
    });
    await expect(save({ days: days(() => ({ open: false })) })).rejects.toMatchObject({
      fieldErrors: { days: ['no_open_day'] },
    });
    await expect(save({ days: base.days.slice(0, 6) })).rejects.toMatchObject({
      fieldErrors: { days: expect.any(Array) },
    });
    await expect(save({ holidays: '2027-01-01, next friday' })).rejects.toMatchObject({
      fieldErrors: { holidays: ['invalid_date_list'] },
    });
    await expect(save({ extraWorkdays: '2027-13-45' })).rejects.toMatchObject({
      fieldErrors: { extraWorkdays: ['invalid_date_list'] },
    });
    await expect(save({ holidays: '2027-02-30' })).rejects.toMatchObject({
      fieldErrors: { holidays: ['invalid_date_list'] },
    });
    await expect(save({ autoCloseDays: 0 })).rejects.toMatchObject({
      fieldErrors: { autoCloseDays: ['invalid_days_close'] },
    });
    await expect(save({ autoCloseDays: 91 })).rejects.toMatchObject({
      fieldErrors: { autoCloseDays: ['invalid_days_close'] },
    });
    expect(await auditOf(admin)).toHaveLength(0);
    expect((await getSlaSettings({ ctx: admin })).calendarVersion).toBe(calendarVersion);
  });
});
