import Link from 'next/link';
import { PresetLinks } from '@/components/feedback/period-picker';
import { formatDayRange, type Period } from '@/lib/shop-calendar';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import type { CatalogRecord } from '@/lib/catalog/names';
import type { ReportKit } from './parts';
import { reportQuery, type ReportFilters } from '@/lib/analytics/report/params';

/** A small label above one control of the filter form. */
function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs font-normal text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

/**
 * The period presets (which keep the filters), a from–to form with the channel, category and team
 * filters, and a line naming the period and the one it is compared with. Plain links and a GET
 * form: all state lives in the URL and it works before any JavaScript loads.
 */
export function ReportControls({
  k,
  basePath,
  period,
  previous,
  filters,
  today,
  channels,
  categories,
  teams,
}: {
  k: ReportKit;
  basePath: string;
  period: Period;
  previous: Period;
  filters: ReportFilters;
  today: string;
  /** Every channel and category, retired ones too (their history is still reported). */
  channels: CatalogRecord[];
  categories: CatalogRecord[];
  teams: { id: string; name: string }[];
}) {
  const { t, locale } = k;
  const filtered = !!(filters.channel || filters.category || filters.teamId);
  // A category from a link that has no record (any more) still shows as chosen.
  const categoryCodes = categories.map((c) => c.code);
  const categoryOptions =
    filters.category && !categoryCodes.includes(filters.category)
      ? [...categoryCodes, filters.category]
      : categoryCodes;
  const retiredOf = (rows: CatalogRecord[]) => new Set(rows.filter((r) => !r.active).map((r) => r.code));
  const [retiredChannels, retiredCategories] = [retiredOf(channels), retiredOf(categories)];
  const optionLabel = (name: string, retired: boolean) =>
    retired ? `${name} (${t('catalogRecords.inactive')})` : name;
  const teamName = teams.find((x) => x.id === filters.teamId)?.name;
  const activeFilters = [
    filters.channel ? `${t('reports.filters.channel')}: ${k.channel(filters.channel)}` : null,
    filters.category ? `${t('reports.filters.category')}: ${k.category(filters.category)}` : null,
    teamName ? `${t('reports.filters.team')}: ${teamName}` : null,
  ].filter(Boolean);

  return (
    <div
      className="mb-6 grid gap-4 rounded-xl border bg-card p-4 print:mb-4 print:border-0 print:p-0"
      data-testid="report-controls"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <PresetLinks period={period} today={today} href={(p) => `${basePath}?${reportQuery(p, filters)}`} t={t} />
        {filtered ? (
          <Button asChild variant="ghost" size="sm">
            <Link href={`${basePath}?${reportQuery(period)}`} data-testid="clear-filters">
              {t('reports.filters.clear')}
            </Link>
          </Button>
        ) : null}
      </div>
      <form
        key={`${period.from}-${period.to}-${filters.channel ?? ''}-${filters.category ?? ''}-${filters.teamId ?? ''}`}
        method="get"
        action={basePath}
        className="flex flex-wrap items-end gap-3 print:hidden"
        aria-label={t('reports.filters.label')}
        data-testid="report-filters"
      >
        <Field id="report-from" label={t('feedbackStats.period.from')}>
          <Input
            id="report-from"
            type="date"
            name="from"
            required
            defaultValue={period.from}
            max={today}
            className="w-40"
          />
        </Field>
        <Field id="report-to" label={t('feedbackStats.period.to')}>
          <Input id="report-to" type="date" name="to" required defaultValue={period.to} className="w-40" />
        </Field>
        <Field id="report-channel" label={t('reports.filters.channel')}>
          <NativeSelect
            id="report-channel"
            name="channel"
            defaultValue={filters.channel ?? ''}
            containerClassName="w-36"
          >
            <option value="">{t('reports.filters.anyChannel')}</option>
            {channels.map((c) => (
              <option key={c.code} value={c.code}>
                {optionLabel(k.channel(c.code), retiredChannels.has(c.code))}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="report-category" label={t('reports.filters.category')}>
          <NativeSelect
            id="report-category"
            name="category"
            defaultValue={filters.category ?? ''}
            containerClassName="w-40"
          >
            <option value="">{t('reports.filters.anyCategory')}</option>
            {categoryOptions.map((c) => (
              <option key={c} value={c}>
                {optionLabel(k.category(c), retiredCategories.has(c))}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="report-team" label={t('reports.filters.team')}>
          <NativeSelect id="report-team" name="teamId" defaultValue={filters.teamId ?? ''} containerClassName="w-40">
            <option value="">{t('reports.filters.anyTeam')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Button type="submit" variant="secondary" data-testid="apply-filters">
          {t('common.apply')}
        </Button>
      </form>
      <p className="text-sm text-muted-foreground" data-testid="period-summary">
        <span className="font-medium text-foreground">{formatDayRange(period, locale)}</span>
        <span> · {t('feedbackStats.period.comparedWith', { range: formatDayRange(previous, locale) })}</span>
        {activeFilters.length ? <span data-testid="active-filters"> · {activeFilters.join(' · ')}</span> : null}
      </p>
    </div>
  );
}
