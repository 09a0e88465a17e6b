import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { getLocale, getT } from '@/lib/i18n/server';
import { currentPreset, formatDayRange, PERIOD_PRESETS, presetPeriod, type Period } from '@/lib/shop-calendar';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

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
