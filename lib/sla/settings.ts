import 'server-only';
import { PRIORITIES, type Priority } from '@/lib/cases/priority';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable } from '@/db/client';
import { businessCalendar, slaPolicies } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { expectVersion, ValidationError } from '@/lib/errors';
import { isSaneDay, parseInput } from '@/lib/validation';
import type { BusinessCalendar } from './calendar';

export { PRIORITIES };
export type SlaPriority = Priority;
export type SlaTargets = { firstResponse: number; decision: number; resolution: number };

/** Used only if the seeded rows were deleted by hand: the DESIGN defaults. */
const FALLBACK: Record<SlaPriority, SlaTargets> = {
  urgent: { firstResponse: 60, decision: 240, resolution: 1440 },
  high: { firstResponse: 240, decision: 720, resolution: 2880 },
  normal: { firstResponse: 480, decision: 1440, resolution: 4320 },
  low: { firstResponse: 1440, decision: 4320, resolution: 10080 },
};

export type SlaSettings = {
  targets: Record<SlaPriority, SlaTargets & { version: number }>;
  calendar: BusinessCalendar;
  calendarVersion: number;
  autoCloseDays: number;
};

/** Targets, working calendar and auto-close days, read with the caller's handle (two small queries). */
export async function loadSlaSettings(db: Queryable): Promise<SlaSettings> {
  const [rows, [cal]] = await Promise.all([
    db.select().from(slaPolicies),
    db.select().from(businessCalendar).where(eq(businessCalendar.id, 1)),
  ]);
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => {
      const r = rows.find((x) => x.priority === p);
      return [
        p,
        r
          ? {
              firstResponse: r.firstResponseMinutes,
              decision: r.decisionMinutes,
              resolution: r.resolutionMinutes,
              version: r.version,
            }
          : { ...FALLBACK[p], version: 0 },
      ];
    }),
  ) as SlaSettings['targets'];
  return {
    targets,
    calendar: {
      timeZone: env().SHOP_TIMEZONE,
      hours: cal?.hours ?? null,
      holidays: new Set(cal?.holidays ?? []),
      extraWorkdays: new Set(cal?.extraWorkdays ?? []),
    },
    calendarVersion: cal?.version ?? 0,
    autoCloseDays: cal?.autoCloseDays ?? 7,
  };
}

export async function getSlaSettings({ ctx }: { ctx: Ctx }): Promise<SlaSettings> {
  authorize(ctx.actor, 'manage:sla:any');
  return loadSlaSettings(await getDb());
}

const minutes = z.coerce
  .number({ message: 'invalid_minutes' })
  .int('invalid_minutes')
  .min(5, 'invalid_minutes')
  .max(60 * 24 * 60, 'invalid_minutes');

export const SaveSlaPolicyInput = z
  .object({
    priority: z.enum(PRIORITIES, { message: 'invalid_choice' }),
    version: z.coerce.number().int().min(0),
    firstResponseMinutes: minutes,
    decisionMinutes: minutes,
    resolutionMinutes: minutes,
  })
  .refine((v) => v.decisionMinutes >= v.firstResponseMinutes, {
    path: ['decisionMinutes'],
    message: 'decision_before_response',
  })
  .refine((v) => v.resolutionMinutes >= v.decisionMinutes, {
    path: ['resolutionMinutes'],
    message: 'resolution_before_decision',
  });

/** Changes one priority's targets. Applies to cases opened afterwards; running clocks keep their due times. */
export async function saveSlaPolicy({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:sla:any');
  const data = parseInput(SaveSlaPolicyInput, input);
  await transaction(async (tx) => {
    const [before] = await tx.select().from(slaPolicies).where(eq(slaPolicies.priority, data.priority)).for('update');
    expectVersion(before?.version ?? 0, data.version);
    const values = {
      firstResponseMinutes: data.firstResponseMinutes,
      decisionMinutes: data.decisionMinutes,
      resolutionMinutes: data.resolutionMinutes,
    };
    await tx
      .insert(slaPolicies)
      .values({ priority: data.priority, ...values })
      .onConflictDoUpdate({
        target: slaPolicies.priority,
        set: { ...values, version: sql`${slaPolicies.version} + 1`, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'sla.update',
      entityType: 'sla_policy',
      entityId: data.priority,
      before: before
        ? {
            firstResponseMinutes: before.firstResponseMinutes,
            decisionMinutes: before.decisionMinutes,
            resolutionMinutes: before.resolutionMinutes,
          }
        : null,
      after: values,
    });
  });
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const SaveCalendarInput = z.object({
  version: z.coerce.number().int().min(0),
  /** false: round the clock (no business hours). */
  businessHours: z.boolean(),
  /** Per weekday 0..6 (Sunday first): open flag and HH:MM from / to. */
  days: z
    .array(
      z.object({
        open: z.boolean(),
        from: z.string().regex(TIME, 'invalid_time'),
        to: z.string().regex(TIME, 'invalid_time'),
      }),
    )
    .length(7),
  /** One date per line or comma: YYYY-MM-DD. */
  holidays: z.string().max(4000, 'too_long').default(''),
  extraWorkdays: z.string().max(4000, 'too_long').default(''),
  autoCloseDays: z.coerce
    .number({ message: 'invalid_days_close' })
    .int('invalid_days_close')
    .min(1, 'invalid_days_close')
    .max(90, 'invalid_days_close'),
});

function parseDates(text: string, field: string): string[] {
  const parts = text.split(/[\s,，]+/).filter(Boolean);
  // isSaneDay refuses 2027-02-30 (which Date would roll into March) and years out of range.
  const bad = parts.find((p) => !isSaneDay(p));
  if (bad) throw new ValidationError({ [field]: ['invalid_date_list'] });
  return [...new Set(parts)].sort();
}

export async function saveBusinessCalendar({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:sla:any');
  const data = parseInput(SaveCalendarInput, input);
  const errors: Record<string, string[]> = {};
  data.days.forEach((d, i) => {
    if (data.businessHours && d.open && toMinutes(d.to) <= toMinutes(d.from))
      errors[`days.${i}.to`] = ['end_before_start'];
  });
  if (data.businessHours && !data.days.some((d) => d.open)) errors['days'] = ['no_open_day'];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const holidays = parseDates(data.holidays, 'holidays');
  const extraWorkdays = parseDates(data.extraWorkdays, 'extraWorkdays');
  const hours = data.businessHours
    ? data.days.map((d) => (d.open ? ([toMinutes(d.from), toMinutes(d.to)] as [number, number]) : null))
    : null;
  await transaction(async (tx) => {
    const [before] = await tx.select().from(businessCalendar).where(eq(businessCalendar.id, 1)).for('update');
    expectVersion(before?.version ?? 0, data.version);
    const values = { hours, holidays, extraWorkdays, autoCloseDays: data.autoCloseDays };
    await tx
      .insert(businessCalendar)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({
        target: businessCalendar.id,
        set: { ...values, version: sql`${businessCalendar.version} + 1`, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'sla.calendar',
      entityType: 'business_calendar',
      entityId: '1',
      before: before
        ? {
            hours: before.hours,
            holidays: before.holidays,
            extraWorkdays: before.extraWorkdays,
            autoCloseDays: before.autoCloseDays,
          }
        : null,
      after: values,
    });
  });
}
