/**
 * The dashboard's URL state and the links it makes: plain functions shared by the pages, the
 * CSV routes and the drill-down links, so the three always agree on parameter names.
 */
import { daysOf, isDay, shiftDay, type Period } from '@/lib/shop-calendar';

/** The query string of a report: the period (shop days) and its filters, as ReportInput names them. */
export const REPORT_PARAM_KEYS = ['from', 'to', 'channel', 'category', 'teamId'] as const;
export type ReportParams = Partial<Record<(typeof REPORT_PARAM_KEYS)[number], string>>;
export type ReportFilters = { channel?: string; category?: string; teamId?: string };

/** One CSV per report; the name is the route segment of /api/reports/<name>. */
export const REPORT_EXPORTS = [
  'orders-by-day',
  'orders-by-channel',
  'after-sales-by-day',
  'after-sales-by-product',
  'after-sales-by-category',
  'after-sales-by-reason',
  'sla-by-stage',
  'agents',
  'repeat-customers',
] as const;
export type ReportExport = (typeof REPORT_EXPORTS)[number];

/** The SLA stages the dashboard reports compliance for, as AfterSalesTotals.sla names them. */
export const SLA_STAGES = ['firstResponse', 'decision', 'resolution'] as const;

export function isReportExport(name: string): name is ReportExport {
  return (REPORT_EXPORTS as readonly string[]).includes(name);
}

/** The period the URL asks for: a missing end means "until today", a missing start a 30-day period. */
export function askedPeriod(params: ReportParams, today: string, fallback: Period): Period {
  if (!params.from && !params.to) return fallback;
  const to = params.to ?? today;
  return { from: params.from ?? (isDay(to) ? shiftDay(to, -29) : ''), to };
}

/** The query string for a period and filters, leaving out filters that are not set. */
export function reportQuery(
  period: Period,
  filters: ReportFilters = {},
  extra: Record<string, string | undefined> = {},
): string {
  const qs = new URLSearchParams({ from: period.from, to: period.to });
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) qs.set(k, v);
  return qs.toString();
}

/**
 * Drill-down links from a widget to the list behind it, carrying the period and the filters that
 * list understands: cases take them all, orders the channel (and a status), feedback only the period.
 */
export type DrillLinks = {
  cases(extra?: Record<string, string | undefined>, opts?: { period?: boolean }): string;
  orders(extra?: Record<string, string | undefined>): string;
  feedback(extra?: Record<string, string | undefined>): string;
};

export function drillLinks(period: Period, filters: ReportFilters): DrillLinks {
  const qs = (base: Record<string, string | undefined>) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(base)) if (v) out.set(k, v);
    return out.toString();
  };
  return {
    cases: (extra = {}, opts = {}) =>
      `/desk/cases?${qs({ queue: 'all', ...(opts.period === false ? {} : { from: period.from, to: period.to }), channel: filters.channel, category: filters.category, teamId: filters.teamId, ...extra })}`,
    orders: (extra = {}) =>
      `/desk/orders?${qs({ from: period.from, to: period.to, channel: filters.channel, ...extra })}`,
    feedback: (extra = {}) => `/desk/feedback?${qs({ from: period.from, to: period.to, ...extra })}`,
  };
}

/** Orders per day over the whole period: a quiet day is a zero, not a missing point. */
export function ordersByDay(daily: { day: string; orders: number; gmvCents: number }[], period: Period) {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  return daysOf(period).map((day) => ({
    day,
    orders: byDay.get(day)?.orders ?? 0,
    gmvCents: byDay.get(day)?.gmvCents ?? 0,
  }));
}

/**
 * Cases per day over the whole period. A day without activity opened and resolved nothing and kept
 * the day before's backlog, starting from the backlog when the period began.
 */
export function casesByDay(
  daily: { day: string; opened: number; resolved: number; backlog: number }[],
  period: Period,
  backlogStart: number,
) {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  let backlog = backlogStart;
  return daysOf(period).map((day) => {
    const d = byDay.get(day);
    if (d) backlog = d.backlog;
    return { day, opened: d?.opened ?? 0, resolved: d?.resolved ?? 0, backlog };
  });
}

/** Relative change in percent (+12.5 for 12.5% more); null when there is nothing to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}
