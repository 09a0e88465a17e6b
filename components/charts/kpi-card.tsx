import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/** Which way is good news: CSAT going up is, complaints going up is not, volume is neither. */
export type DeltaDirection = 'higherIsBetter' | 'lowerIsBetter' | 'neutral';

export type KpiDelta = {
  /** The change against the previous period (null: nothing to compare with). */
  value: number | null;
  /** The change as shown, e.g. "+2.3 pts" or "−4". */
  text: string;
  direction?: DeltaDirection;
  /** Says what the change is measured against, e.g. "vs previous 30 days". */
  caption?: string;
};

function tone(value: number | null, direction: DeltaDirection) {
  if (value === null || value === 0 || direction === 'neutral') return 'neutral';
  return value > 0 === (direction === 'higherIsBetter') ? 'good' : 'bad';
}

/** The change as a small badge: arrow by the sign, colour by whether the change is good news. */
export function DeltaBadge({ delta, className }: { delta: KpiDelta; className?: string }) {
  const t = tone(delta.value, delta.direction ?? 'higherIsBetter');
  const Icon = delta.value === null || delta.value === 0 ? ArrowRight : delta.value > 0 ? ArrowUpRight : ArrowDownRight;
  return (
    <span
      data-delta-tone={t}
      className={cn(
        'inline-flex items-center gap-0.5 rounded-md px-1.5 py-0.5 text-xs font-medium tabular-nums',
        t === 'good' && 'bg-success/12 text-success dark:bg-success/20',
        t === 'bad' && 'bg-destructive/12 text-destructive dark:bg-destructive/20',
        t === 'neutral' && 'bg-muted text-muted-foreground',
        className,
      )}
    >
      <Icon aria-hidden="true" className="size-3.5" />
      {delta.text}
    </span>
  );
}

/**
 * A Tremor-style KPI card: a title, a big figure, the change against the previous period, and
 * room (`children`) for a breakdown. Server-renderable: no hooks, no chart library.
 */
export function KpiCard({
  title,
  value,
  description,
  delta,
  children,
  className,
  testId,
}: {
  title: string;
  value: string;
  description?: React.ReactNode;
  delta?: KpiDelta;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <Card className={cn('gap-3 px-6 py-5', className)} data-testid={testId}>
      <p className="text-sm font-medium text-muted-foreground">{title}</p>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p className="text-3xl font-semibold tracking-tight tabular-nums">{value}</p>
        {delta ? (
          <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <DeltaBadge delta={delta} />
            {delta.caption ? <span>{delta.caption}</span> : null}
          </p>
        ) : null}
      </div>
      {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
      {children}
    </Card>
  );
}
