'use client';

import { AreaChart, type AreaChartProps } from './area-chart';

export type LineChartProps = Omit<AreaChartProps, 'fill' | 'stack'>;

/** A Tremor-style line chart: the area chart without fill (one implementation to keep in step). */
export function LineChart(props: LineChartProps) {
  return <AreaChart {...props} fill="none" />;
}
