'use client';

import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import { cn } from '@/lib/utils';
import { colorVar, seriesColor } from './colors';
import { ChartDataTable, ChartFrame, ChartTooltip, useChartFormatter, type ChartBaseProps } from './chart-parts';

export type DonutChartProps = Pick<
  ChartBaseProps,
  'data' | 'index' | 'colors' | 'valueFormatter' | 'format' | 'label' | 'indexLabel' | 'noDataText' | 'className'
> & {
  /** The numeric field (Tremor's `category`). */
  category: string;
  /** Header of the value column in the screen-reader table. */
  categoryLabel?: string;
  variant?: 'donut' | 'pie';
  /** Text in the hole: the formatted total by default. */
  centerLabel?: string;
  /** A list of the slices with their values beside the chart. */
  showLegend?: boolean;
};

/** A Tremor-style donut: `<DonutChart data index category valueFormatter colors label />`. */
export function DonutChart(props: DonutChartProps) {
  const { data, index, category, variant = 'donut', showLegend = true } = props;
  const formatter = useChartFormatter(props.valueFormatter, props.format);
  const slices = data.filter((row) => typeof row[category] === 'number' && (row[category] as number) > 0);
  const total = slices.reduce((sum, row) => sum + (row[category] as number), 0);
  const colorOf = (i: number) => colorVar(seriesColor(props.colors, i));

  return (
    <ChartFrame
      label={props.label}
      empty={slices.length === 0}
      noDataText={props.noDataText}
      className={props.className ?? 'h-48'}
      table={
        <ChartDataTable
          caption={props.label}
          indexLabel={props.indexLabel ?? index}
          index={index}
          columns={[{ key: category, label: props.categoryLabel ?? category }]}
          data={data}
          formatter={formatter}
        />
      }
    >
      <div className={cn('flex h-full items-center gap-6', !showLegend && 'justify-center')}>
        <div className="relative aspect-square h-full shrink-0">
          <PieChart responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false}>
            <Pie
              data={slices}
              dataKey={category}
              nameKey={index}
              innerRadius={variant === 'donut' ? '68%' : 0}
              outerRadius="100%"
              paddingAngle={slices.length > 1 ? 1.5 : 0}
              stroke="var(--card)"
              strokeWidth={1}
              isAnimationActive={false}
              // The picture is aria-hidden (the table beside it reads out the numbers), so nothing in it may take focus.
              rootTabIndex={-1}
            >
              {slices.map((row) => (
                <Cell key={String(row[index])} fill={colorOf(data.indexOf(row))} />
              ))}
            </Pie>
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload }) => (
                <ChartTooltip
                  active={active}
                  payload={payload?.map((p) => ({ ...p, dataKey: p.name }))}
                  formatter={formatter}
                  labelOf={(key) => key}
                  colorOf={(p) => p.fill ?? (p.payload as { fill?: string })?.fill}
                />
              )}
            />
          </PieChart>
          {variant === 'donut' ? (
            <span className="pointer-events-none absolute inset-0 flex items-center justify-center text-lg font-semibold tabular-nums">
              {props.centerLabel ?? formatter(total)}
            </span>
          ) : null}
        </div>
        {showLegend ? (
          <ul className="grid min-w-0 flex-1 gap-1.5 text-sm">
            {data.map((row, i) => (
              <li key={String(row[index])} className="flex items-center gap-2">
                <span className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: colorOf(i) }} />
                <span className="truncate text-muted-foreground">{String(row[index])}</span>
                <span className="ml-auto pl-2 font-medium tabular-nums">
                  {typeof row[category] === 'number' ? formatter(row[category] as number) : '—'}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </ChartFrame>
  );
}
