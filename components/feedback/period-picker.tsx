import { dateTimeFormat } from '@/lib/intl';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { Locale } from '@/lib/i18n/config';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

/** A period of shop-calendar days, both ends included, as YYYY-MM-DD. */
export type Period = { from: string; to: string };

export const PERIOD_PRESETS = ['7d', '30d', '90d', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string | undefined): value is string {
  return !!value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
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

/** "Oct 1 – 30, 2026" / "2026年10月1日至30日": the shop-calendar days as written in the viewer's language. */
export function formatDayRange(period: Period, locale: Locale): string {
  const f = dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const from = new Date(`${period.from}T00:00:00Z`);
  return period.from === period.to ? f.format(from) : f.formatRange(from, new Date(`${period.to}T00:00:00Z`));
}

/** The preset matching the period exactly, if any. */
export function currentPreset(period: Period, today: string): PeriodPreset | undefined {
  return PERIOD_PRESETS.find((p) => {
    const q = presetPeriod(p, today);
    return q.from === period.from && q.to === period.to;
  });
}

/** The preset periods as a segmented row of links; `href` builds each link (pages keep their own filters). */
export function PresetLinks({
  period,
  today,
  href,
  t,
}: {
  period: Period;
  today: string;
  href: (p: Period) => string;
  t: Translate;
}) {
  const current = currentPreset(period, today);
  return (
    <nav aria-label={t('feedbackStats.period.presets')} className="inline-flex flex-wrap rounded-lg bg-muted p-[3px]">
      {PERIOD_PRESETS.map((p) => (
        <Link
          key={p}
          href={href(presetPeriod(p, today))}
          aria-current={p === current ? 'true' : undefined}
          data-testid={`period-${p}`}
          className={cn(
            'rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50',
            p === current && 'bg-card text-foreground shadow-sm dark:bg-input/30',
          )}
        >
          {t(`feedbackStats.period.${p}`)}
        </Link>
      ))}
    </nav>
  );
}

/**
 * Preset links and a from–to form that set `?from=&to=` on `basePath` (plain links and a GET form:
 * it works before any JavaScript loads), with a line saying which period the figures are compared with.
 */
export async function PeriodPicker({
  basePath,
  period,
  today,
  previous,
  className,
}: {
  basePath: string;
  period: Period;
  /** The shop's today (see shopToday), which the presets end on. */
  today: string;
  /** The period compared with, if the page compares. */
  previous?: Period;
  className?: string;
}) {
  const [t, locale] = [await getT(), await getLocale()];
  const href = (p: Period) => `${basePath}?${new URLSearchParams({ from: p.from, to: p.to })}`;
  return (
    <div className={cn('mb-6 grid gap-3 rounded-xl border bg-card p-4', className)} data-testid="period-picker">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PresetLinks period={period} today={today} href={href} t={t} />
        <form
          key={`${period.from}-${period.to}`}
          method="get"
          action={basePath}
          className="flex flex-wrap items-end gap-2"
          aria-label={t('feedbackStats.period.custom')}
        >
          <div className="grid gap-1">
            <Label htmlFor="period-from" className="text-xs font-normal text-muted-foreground">
              {t('feedbackStats.period.from')}
            </Label>
            <Input
              id="period-from"
              type="date"
              name="from"
              required
              defaultValue={period.from}
              max={today}
              className="w-40"
            />
          </div>
          <span aria-hidden="true" className="pb-2 text-muted-foreground">
            –
          </span>
          <div className="grid gap-1">
            <Label htmlFor="period-to" className="text-xs font-normal text-muted-foreground">
              {t('feedbackStats.period.to')}
            </Label>
            <Input id="period-to" type="date" name="to" required defaultValue={period.to} className="w-40" />
          </div>
          <Button type="submit" variant="secondary">
            {t('common.apply')}
          </Button>
        </form>
      </div>
      <p className="text-sm text-muted-foreground" data-testid="period-summary">
        <span className="font-medium text-foreground">{formatDayRange(period, locale)}</span>
        {previous ? (
          <span> · {t('feedbackStats.period.comparedWith', { range: formatDayRange(previous, locale) })}</span>
        ) : null}
      </p>
    </div>
  );
}
