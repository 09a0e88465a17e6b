'use client';

import { useId } from 'react';
import { Area, AreaChart as RechartsAreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { colorVar, seriesColor } from './colors';
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
} from './chart-parts';

export type AreaChartProps = ChartBaseProps & {
  stack?: boolean;
  /** Draw across rows without a value (otherwise the line breaks there, which is the honest default). */
  connectNulls?: boolean;
  curveType?: 'linear' | 'monotone' | 'step';
  /** `gradient` (default) fades the area out; `none` draws lines only (a line chart). */
  fill?: 'gradient' | 'solid' | 'none';
  /** Mark every data point (useful for sparse series); a lone point is always marked. */
  showDots?: boolean;
};

/** A Tremor-style area chart; with `fill="none"` it is the line chart (see LineChart). */
export function AreaChart(props: AreaChartProps) {
  const {
    data,
    index,
    categories,
    stack = false,
    connectNulls = false,
    curveType = 'linear',
    fill = 'gradient',
    showGrid = true,
    showXAxis = true,
    showYAxis = true,
    yAxisWidth = 48,
    allowDecimals = false,
  } = props;
  const formatter = useChartFormatter(props.valueFormatter, props.format);
  const gradientId = useId().replace(/:/g, '');
  const showLegend = props.showLegend ?? categories.length > 1;
  // From zero unless told otherwise; values below zero still widen it.
  const domain: [number | 'auto', number | 'auto'] = [props.minValue ?? 0, props.maxValue ?? 'auto'];
  // A single point draws no line, so it is always marked (and every point on hover).
  const showDots = props.showDots || data.length === 1;

  return (
    <ChartFrame
      label={props.label}
      className={props.className}
      empty={data.length === 0}
      noDataText={props.noDataText}
      legend={showLegend ? <ChartLegend items={seriesLegend(props)} /> : null}
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
      <RechartsAreaChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        {fill === 'gradient' ? (
          <defs>
            {categories.map((c, i) => (
              <linearGradient key={c} id={`${gradientId}-${i}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="5%" stopColor={colorVar(seriesColor(props.colors, i))} stopOpacity={0.3} />
                <stop offset="95%" stopColor={colorVar(seriesColor(props.colors, i))} stopOpacity={0} />
              </linearGradient>
            ))}
          </defs>
        ) : null}
        {showGrid ? <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} /> : null}
        <XAxis
          dataKey={index}
          hide={!showXAxis}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          interval="preserveStartEnd"
          minTickGap={12}
          padding={{ left: 8, right: 8 }}
        />
        <YAxis
          type="number"
          domain={domain}
          allowDecimals={allowDecimals}
          width={yAxisWidth}
          hide={!showYAxis}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          tickFormatter={(v: number) => formatter(v)}
        />
        <Tooltip
          cursor={{ stroke: 'var(--border)', strokeWidth: 1 }}
          isAnimationActive={false}
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              formatter={formatter}
              labelOf={(key) => categoryLabel(props, key)}
            />
          )}
        />
        {categories.map((c, i) => {
          const color = colorVar(seriesColor(props.colors, i));
          return (
            <Area
              key={c}
              dataKey={c}
              name={c}
              type={curveType}
              stroke={color}
              strokeWidth={2}
              fill={fill === 'gradient' ? `url(#${gradientId}-${i})` : fill === 'solid' ? color : 'transparent'}
              fillOpacity={fill === 'solid' ? 0.25 : 1}
              stackId={stack ? 'stack' : undefined}
              connectNulls={connectNulls}
              dot={showDots ? { r: 3, strokeWidth: 0, fill: color } : false}
              activeDot={{ r: 4, strokeWidth: 0, fill: color }}
              isAnimationActive={false}
            />
          );
        })}
      </RechartsAreaChart>
    </ChartFrame>
  );
}
