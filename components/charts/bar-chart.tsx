'use client';

import { Bar, BarChart as RechartsBarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { colorVar, isChartColor, seriesColor } from './colors';
import {
  AXIS_TICK,
  categoryLabel,
  ChartDataTable,
  ChartFrame,
  ChartLegend,
  ChartTooltip,
  GRID_STROKE,
  seriesLegend,
  useChartFormatter,
  type ChartBaseProps,
  type LegendItem,
} from './chart-parts';

export type BarChartProps = ChartBaseProps & {
  /** `horizontal`: upright bars (index on the x axis); `vertical`: lying bars, index on the y axis. */
  layout?: 'horizontal' | 'vertical';
  /** Stack the categories into one bar per row instead of bars side by side. */
  stack?: boolean;
  /**
   * A field of each row holding a ChartColor for that row's bar, e.g. a score coloured by its band.
   * Meant for one category; pair it with `legendItems`, since the series legend no longer applies.
   */
  colorKey?: string;
  /** A legend of your own (with `colorKey`); by default one entry per category when there are several. */
  legendItems?: LegendItem[];
};

/** A Tremor-style bar chart: `<BarChart data index categories valueFormatter colors label />`. */
export function BarChart(props: BarChartProps) {
  const {
    data,
    index,
    categories,
    layout = 'horizontal',
    stack = false,
    colorKey,
    showGrid = true,
    showXAxis = true,
    showYAxis = true,
    yAxisWidth = 48,
    minValue,
    maxValue,
    allowDecimals = false,
  } = props;
  const formatter = useChartFormatter(props.valueFormatter, props.format);
  const legend = props.legendItems ?? (categories.length > 1 ? seriesLegend(props) : []);
  const showLegend = props.showLegend ?? legend.length > 0;
  const vertical = layout === 'vertical';
  // From zero unless told otherwise (bars must start at zero); values below zero still widen it.
  const domain: [number | 'auto', number | 'auto'] = [minValue ?? 0, maxValue ?? 'auto'];
  const valueAxis = {
    type: 'number' as const,
    domain,
    allowDecimals,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
    tickFormatter: (v: number) => formatter(v),
  };
  const indexAxis = {
    type: 'category' as const,
    dataKey: index,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
    interval: 'preserveStartEnd' as const,
  };
  const rowColor = (row: Record<string, unknown>) =>
    colorKey && isChartColor(row[colorKey]) ? colorVar(row[colorKey]) : undefined;
  const radius: [number, number, number, number] = vertical ? [0, 4, 4, 0] : [4, 4, 0, 0];

  return (
    <ChartFrame
      label={props.label}
      className={props.className}
      empty={data.length === 0}
      noDataText={props.noDataText}
      legend={showLegend ? <ChartLegend items={legend} /> : null}
      table={
        <ChartDataTable
          caption={props.label}
          indexLabel={props.indexLabel ?? index}
          index={index}
          columns={categories.map((c) => ({ key: c, label: categoryLabel(props, c) }))}
          data={data}
          formatter={formatter}
        />
      }
    >
      <RechartsBarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        layout={layout}
        margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
        barCategoryGap="20%"
        accessibilityLayer={false}
      >
        {showGrid ? (
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" horizontal={!vertical} vertical={vertical} />
        ) : null}
        {vertical ? (
          <XAxis {...valueAxis} hide={!showXAxis} />
        ) : (
          <XAxis {...indexAxis} hide={!showXAxis} minTickGap={8} />
        )}
        {vertical ? (
          <YAxis {...indexAxis} width={yAxisWidth} hide={!showYAxis} />
        ) : (
          <YAxis {...valueAxis} width={yAxisWidth} hide={!showYAxis} />
        )}
        <Tooltip
          cursor={{ fill: 'var(--muted)', opacity: 0.7, stroke: 'none' }}
          isAnimationActive={false}
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              formatter={formatter}
              labelOf={(key) => categoryLabel(props, key)}
              colorOf={(entry) => rowColor((entry.payload ?? {}) as Record<string, unknown>)}
            />
          )}
        />
        {categories.map((c, i) => (
          <Bar
            key={c}
            dataKey={c}
            name={c}
            fill={colorVar(seriesColor(props.colors, i))}
            stackId={stack ? 'stack' : undefined}
            radius={!stack || i === categories.length - 1 ? radius : 0}
            maxBarSize={48}
            isAnimationActive={false}
          >
            {colorKey
              ? data.map((row, j) => <Cell key={j} fill={rowColor(row) ?? colorVar(seriesColor(props.colors, i))} />)
              : null}
          </Bar>
        ))}
      </RechartsBarChart>
    </ChartFrame>
  );
}
