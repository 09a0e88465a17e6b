/**
 * Shop-calendar days: the one home of the date arithmetic that reports, feedback statistics and
 * their pickers share. A day is a YYYY-MM-DD string in the shop's time zone (rollups are keyed by
 * it); arithmetic on it runs in UTC so that no server time zone or daylight-saving change can
 * move a day.
 */
import { dateTimeFormat } from '@/lib/intl';
import type { Locale } from '@/lib/i18n/config';

/** A period of shop-calendar days, both ends included, as YYYY-MM-DD. */
export type Period = { from: string; to: string };

export const PERIOD_PRESETS = ['7d', '30d', '90d', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function isDay(value: string | undefined): value is string {
  return !!value && DAY.test(value) && !Number.isNaN(utcMidnight(value));
}

export function shiftDay(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many days from `from` to `to`, both included (1 for a single day). */
export function daySpan(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS) + 1;
}

export const dayCount = (p: Period) => daySpan(p.from, p.to);

/** The period of equal length just before. */
export function previousPeriod(p: Period): Period {
  const n = dayCount(p);
  return { from: shiftDay(p.from, -n), to: shiftDay(p.from, -1) };
}

/** Every shop day of the period, in order (periods are at most two years, so this stays small). */
export function daysOf(period: Period): string[] {
  const out: string[] = [];
  for (let d = period.from; d <= period.to; d = shiftDay(d, 1)) out.push(d);
  return out;
}

/** Every Monday from the week holding the period's first day to its last day (ISO weeks). */
export function weeksOf(period: Period): string[] {
  const dow = new Date(utcMidnight(period.from)).getUTCDay();
  const out: string[] = [];
  for (let w = shiftDay(period.from, -((dow + 6) % 7)); w <= period.to; w = shiftDay(w, 7)) out.push(w);
  return out;
}

/** The first day of every month the period touches. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  for (let m = `${period.from.slice(0, 7)}-01`; m <= period.to;) {
    out.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  }
  return out;
}

/** Today's date in the shop's time zone: a day starts at the shop's midnight, not the server's. */
export function shopToday(now: number, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The preset periods end today: the last 7 / 30 / 90 days, or this month so far. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case '7d':
      return { from: shiftDay(today, -6), to: today };
    case '30d':
      return { from: shiftDay(today, -29), to: today };
    case '90d':
      return { from: shiftDay(today, -89), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The preset matching the period exactly, if any. */
export function currentPreset(period: Period, today: string): PeriodPreset | undefined {
  return PERIOD_PRESETS.find((p) => {
    const q = presetPeriod(p, today);
    return q.from === period.from && q.to === period.to;
  });
}

/** "Oct 1 – 30, 2026" / "2026年10月1日至30日": the shop-calendar days as written in the viewer's language. */
export function formatDayRange(period: Period, locale: Locale): string {
  const f = dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const from = new Date(utcMidnight(period.from));
  return period.from === period.to ? f.format(from) : f.formatRange(from, new Date(utcMidnight(period.to)));
}
