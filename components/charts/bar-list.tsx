import Link from 'next/link';
import { cn } from '@/lib/utils';
import { colorVar, type ChartColor } from './colors';
import type { ValueFormatter } from './format';

export type BarListItem = {
  /** Stable key when names can repeat. */
  key?: string;
  name: string;
  value: number;
  href?: string;
  /** A quiet note after the value, e.g. the previous period's figure. */
  secondary?: string;
};

/**
 * A Tremor-style ranked list with proportional bars. No hooks and no chart library, so it renders
 * on the server (functions such as `valueFormatter` are fine there) and costs no client JavaScript.
 */
export function BarList({
  data,
  valueFormatter = (v) => String(v),
  color = 'chart-1',
  sortOrder = 'descending',
  label,
  className,
}: {
  data: BarListItem[];
  valueFormatter?: ValueFormatter;
  color?: ChartColor;
  sortOrder?: 'descending' | 'ascending' | 'none';
  /** The list's accessible name. */
  label: string;
  className?: string;
}) {
  const items =
    sortOrder === 'none'
      ? data
      : [...data].sort((a, b) => (sortOrder === 'descending' ? b.value - a.value : a.value - b.value));
  const max = Math.max(0, ...items.map((i) => i.value));
  const barColor = `color-mix(in oklch, ${colorVar(color)} 22%, transparent)`;
  return (
    <ul aria-label={label} className={cn('grid gap-1.5', className)} data-slot="bar-list">
      {items.map((item) => {
        const width = max > 0 ? Math.max((item.value / max) * 100, item.value > 0 ? 1.5 : 0) : 0;
        const name = <span className="truncate">{item.name}</span>;
        return (
          <li key={item.key ?? item.name} className="flex items-center gap-4 text-sm">
            <div className="relative flex h-8 min-w-0 flex-1 items-center">
              <div
                aria-hidden="true"
                className="absolute inset-y-0 left-0 rounded-md"
                style={{ width: `${width}%`, backgroundColor: barColor }}
              />
              {item.href ? (
                <Link
                  href={item.href}
                  className="relative flex min-w-0 px-2 underline-offset-4 outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-[3px] focus-visible:ring-ring/50"
                >
                  {name}
                </Link>
              ) : (
                <span className="relative flex min-w-0 px-2">{name}</span>
              )}
            </div>
            <span className="shrink-0 text-right tabular-nums">
              <span className="font-medium">{valueFormatter(item.value)}</span>
              {item.secondary ? <span className="ml-2 text-xs text-muted-foreground">{item.secondary}</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
