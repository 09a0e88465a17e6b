'use client';

import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import { colorVar, seriesColor, type ChartColor } from './colors';
import { resolveFormatter, type NumberFormatSpec, type ValueFormatter } from './format';

/** One row of chart data: the `index` field names the row, each category field holds a number. */
export type ChartDatum = Record<string, string | number | null | undefined>;

/** What every Tremor-style chart takes (Tremor's names, plus what a bilingual app needs). */
export type ChartBaseProps = {
  data: ChartDatum[];
  /** The field that names each row (x axis, or y axis for a vertical bar chart). */
  index: string;
  /** The numeric fields to draw, one series each. */
  categories: string[];
  /** Display names of the categories (they are field names otherwise). */
  categoryLabels?: Record<string, string>;
  colors?: readonly ChartColor[];
  /** A formatting function (client components only), … */
  valueFormatter?: ValueFormatter;
  /** … or a serialisable format, so server components can configure a chart. */
  format?: NumberFormatSpec;
  /** The chart's accessible name; it also captions the screen-reader table. */
  label: string;
  /** Header of the index column in the screen-reader table. */
  indexLabel?: string;
  showLegend?: boolean;
  showGrid?: boolean;
  showXAxis?: boolean;
  showYAxis?: boolean;
  yAxisWidth?: number;
  minValue?: number;
  maxValue?: number;
  allowDecimals?: boolean;
  /** Shown instead of an empty plot. */
  noDataText?: string;
  /** Sizing: the default is h-72 and the full width. */
  className?: string;
};

export type LegendItem = { label: string; color: ChartColor };

export const AXIS_TICK = { fill: 'var(--muted-foreground)', fontSize: 12 } as const;
export const GRID_STROKE = 'var(--border)';

export function categoryLabel(props: Pick<ChartBaseProps, 'categoryLabels'>, key: string): string {
  return props.categoryLabels?.[key] ?? key;
}

export function useChartFormatter(valueFormatter?: ValueFormatter, format?: NumberFormatSpec): ValueFormatter {
  const { locale } = useI18n();
  return resolveFormatter(locale, valueFormatter, format);
}

export function seriesLegend(props: Pick<ChartBaseProps, 'categories' | 'categoryLabels' | 'colors'>): LegendItem[] {
  return props.categories.map((c, i) => ({ label: categoryLabel(props, c), color: seriesColor(props.colors, i) }));
}

export function ChartLegend({ items, className }: { items: LegendItem[]; className?: string }) {
  return (
    <ul
      aria-hidden="true"
      className={cn('flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-muted-foreground', className)}
    >
      {items.map((item) => (
        <li key={`${item.label}-${item.color}`} className="flex items-center gap-1.5">
          <span className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: colorVar(item.color) }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

type TooltipEntry = {
  dataKey?: unknown;
  name?: unknown;
  value?: unknown;
  color?: string;
  fill?: string;
  stroke?: string;
  payload?: unknown;
};

/** Tooltip body in the theme's popover colours; series without a value at this point are left out. */
export function ChartTooltip({
  active,
  payload,
  label,
  formatter,
  labelOf,
  colorOf,
}: {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: ReactNode;
  formatter: ValueFormatter;
  labelOf: (key: string) => string;
  colorOf?: (entry: TooltipEntry) => string | undefined;
}) {
  const rows = (payload ?? []).filter((p) => typeof p.value === 'number');
  if (!active || rows.length === 0) return null;
  return (
    <div className="min-w-32 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      {label !== undefined && label !== '' ? <p className="mb-1.5 font-medium">{label}</p> : null}
      <ul className="grid gap-1">
        {rows.map((p) => {
          const key = String(p.dataKey ?? p.name ?? '');
          return (
            <li key={key} className="flex items-center gap-2">
              <span
                className="size-2.5 shrink-0 rounded-sm"
                style={{ backgroundColor: colorOf?.(p) ?? p.color ?? p.fill ?? p.stroke }}
              />
              <span className="text-muted-foreground">{labelOf(key)}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums">{formatter(p.value as number)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The chart's numbers for screen readers: the picture itself is hidden from them. */
export function ChartDataTable({
  caption,
  indexLabel,
  index,
  columns,
  data,
  formatter,
}: {
  caption: string;
  indexLabel: string;
  index: string;
  columns: { key: string; label: string }[];
  data: ChartDatum[];
  formatter: ValueFormatter;
}) {
  // The wrapper carries sr-only: a table ignores overflow clipping and would widen narrow pages.
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{indexLabel}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row, i) => (
            <tr key={`${String(row[index])}-${i}`}>
              <th scope="row">{String(row[index] ?? '')}</th>
              {columns.map((c) => {
                const v = row[c.key];
                return <td key={c.key}>{typeof v === 'number' ? formatter(v) : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The frame around every plot: an optional legend, the picture (hidden from assistive technology)
 * and the same numbers as a table for screen readers; a quiet placeholder when there is no data.
 */
export function ChartFrame({
  label,
  legend,
  table,
  empty,
  noDataText,
  className,
  children,
}: {
  label: string;
  legend?: ReactNode;
  table: ReactNode;
  empty: boolean;
  noDataText?: string;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (empty) {
    return (
      <div
        role="img"
        aria-label={label}
        className={cn(
          'flex h-72 w-full items-center justify-center rounded-lg border border-dashed text-sm text-muted-foreground',
          className,
        )}
      >
        {noDataText ?? t('charts.noData')}
      </div>
    );
  }
  return (
    <figure aria-label={label} className="m-0 grid w-full min-w-0 gap-3" data-slot="chart">
      {legend}
      <div aria-hidden="true" className={cn('h-72 w-full min-w-0', className)}>
        {children}
      </div>
      {table}
    </figure>
  );
}
