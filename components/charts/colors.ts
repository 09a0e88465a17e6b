/**
 * Chart colours are names of the theme's CSS variables (app/globals.css), never literal colours,
 * so every chart follows the light and dark themes without code. `chart-1`…`chart-5` are the
 * series palette; the semantic ones say good / watch / bad.
 */
export const CHART_COLORS = [
  'chart-1',
  'chart-2',
  'chart-3',
  'chart-4',
  'chart-5',
  'primary',
  'success',
  'warning',
  'destructive',
  'muted-foreground',
] as const;
export type ChartColor = (typeof CHART_COLORS)[number];

export const DEFAULT_COLORS: readonly ChartColor[] = ['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5'];

export function colorVar(color: ChartColor): string {
  return `var(--${color})`;
}

/** The colour of the i-th series: the given list repeats when there are more series than colours. */
export function seriesColor(colors: readonly ChartColor[] | undefined, i: number): ChartColor {
  const list = colors?.length ? colors : DEFAULT_COLORS;
  return list[i % list.length]!;
}

export function isChartColor(value: unknown): value is ChartColor {
  return typeof value === 'string' && (CHART_COLORS as readonly string[]).includes(value);
}
