/**
 * SLA clock arithmetic: when is a target due, and how much of it is used, counting only business
 * hours in the shop's time zone, skipping holidays, and stopping while the case waits on the
 * customer. Pure functions over instants; the clock and calendar are inputs.
 */

import { dateTimeFormat } from '@/lib/intl';
export type Interval = { from: Date; to: Date | null };

export type BusinessCalendar = {
  timeZone: string;
  /** Working hours per weekday (0 = Sunday) in minutes after local midnight, or null for closed. */
  hours: readonly ([number, number] | null)[] | null;
  /** Local dates (YYYY-MM-DD) when the shop is closed. */
  holidays?: ReadonlySet<string>;
  /** Local dates worked although their weekday is normally closed (调休). */
  extraWorkdays?: ReadonlySet<string>;
  /** Hours used on extra workdays; defaults to Monday's. */
  extraWorkdayHours?: [number, number];
};

/** Round-the-clock: the default when no business hours are configured. */
export const ALWAYS_OPEN = (timeZone: string): BusinessCalendar => ({ timeZone, hours: null });

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

function localParts(at: Date, timeZone: string) {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute'), ss: get('second') };
}

/** Offset of the zone from UTC at an instant, in ms (e.g. +8h for Asia/Shanghai). */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which the local wall clock shows `date` + `minutes` after midnight. */
function instantOf(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone); // second pass settles DST edges
  return new Date(guess);
}

function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function windowOf(date: string, cal: BusinessCalendar): [number, number] | null {
  if (!cal.hours) return [0, DAY_MINUTES];
  if (cal.holidays?.has(date)) return null;
  if (cal.extraWorkdays?.has(date)) return cal.extraWorkdayHours ?? cal.hours[1] ?? [540, 1080];
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return cal.hours[weekday] ?? null;
}

/** Working intervals from `start` onwards, day by day, minus the paused intervals. */
function* workingIntervals(start: Date, cal: BusinessCalendar, pauses: readonly Interval[], until?: Date) {
  let date = localDate(start, cal.timeZone);
  for (let i = 0; i < 3700; i++, date = nextDate(date)) {
    const win = windowOf(date, cal);
    if (win) {
      let from = instantOf(date, win[0], cal.timeZone);
      const to = instantOf(date, win[1], cal.timeZone);
      if (from < start) from = start;
      if (until && from >= until) return;
      const end = until && until < to ? until : to;
      if (from < end) yield* subtract({ from, to: end }, pauses);
    } else if (until && instantOf(date, 0, cal.timeZone) >= until) {
      return;
    }
  }
}

function* subtract(span: { from: Date; to: Date }, pauses: readonly Interval[]) {
  let pieces = [span];
  for (const p of pauses) {
    const pFrom = p.from.getTime();
    const pTo = p.to ? p.to.getTime() : Number.POSITIVE_INFINITY;
    pieces = pieces.flatMap((s) => {
      if (pTo <= s.from.getTime() || pFrom >= s.to.getTime()) return [s];
      const out = [];
      if (pFrom > s.from.getTime()) out.push({ from: s.from, to: new Date(pFrom) });
      if (pTo < s.to.getTime()) out.push({ from: new Date(pTo), to: s.to });
      return out;
    });
  }
  yield* pieces;
}

/**
 * When a target of `minutes` business minutes, started at `start`, falls due. Returns null while
 * an open pause (waiting on the customer) stops the clock.
 */
export function dueAt(
  start: Date,
  minutes: number,
  cal: BusinessCalendar,
  pauses: readonly Interval[] = [],
): Date | null {
  let remaining = minutes * MINUTE;
  for (const piece of workingIntervals(start, cal, pauses)) {
    const length = piece.to.getTime() - piece.from.getTime();
    if (remaining <= length) return new Date(piece.from.getTime() + remaining);
    remaining -= length;
  }
  return null;
}

/** Business minutes elapsed between two instants, pauses excluded. */
export function businessMinutesBetween(
  from: Date,
  to: Date,
  cal: BusinessCalendar,
  pauses: readonly Interval[] = [],
): number {
  if (to <= from) return 0;
  let total = 0;
  for (const piece of workingIntervals(from, cal, pauses, to)) total += piece.to.getTime() - piece.from.getTime();
  return Math.round(total / MINUTE);
}

/** SLA state for a queue: breached, due soon (less than `soonShare` of the target left) or on track. */
export function slaState(
  due: Date | null,
  now: Date,
  targetMinutes: number,
  soonShare = 0.25,
): 'paused' | 'breached' | 'due_soon' | 'on_track' {
  if (!due) return 'paused';
  const left = due.getTime() - now.getTime();
  if (left < 0) return 'breached';
  return left <= targetMinutes * MINUTE * soonShare ? 'due_soon' : 'on_track';
}

/** Default targets per priority, in minutes (DESIGN: urgent 1h/4h, high 4h/12h, normal 8h/24h, low 24h/72h). */
export const DEFAULT_SLA_TARGETS = {
  urgent: { firstResponse: 60, decision: 240 },
  high: { firstResponse: 240, decision: 720 },
  normal: { firstResponse: 480, decision: 1440 },
  low: { firstResponse: 1440, decision: 4320 },
} as const;

/**
 * Where a deadline moves when a pause ends: the business time that was left when the clock
 * stopped is counted again from `resumedAt`. A deadline already missed before the pause stays put.
 */
export function resumeDue(due: Date | null, pausedSince: Date, resumedAt: Date, cal: BusinessCalendar): Date | null {
  if (!due || due <= pausedSince) return due;
  const left = businessMinutesBetween(pausedSince, due, cal);
  return dueAt(resumedAt, left, cal) ?? due;
}
