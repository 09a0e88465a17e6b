import type { OrderEventDto } from '@/lib/orders/dto';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

/**
 * The order's timeline. `audience` picks the words: staff see internal status names and who acted,
 * customers see customer-facing status names only.
 */
export function OrderTimeline({
  events,
  t,
  formatTime,
  audience,
}: {
  events: OrderEventDto[];
  t: Translate;
  formatTime: (iso: string) => string;
  audience: 'staff' | 'customer';
}) {
  const statusKey = audience === 'staff' ? 'orders.status' : 'orders.customerStatus';
  return (
    <ol className="relative grid gap-5 border-l pl-5" data-testid="order-timeline">
      {events.map((e, i) => (
        <li key={e.id} className="relative">
          <span
            aria-hidden
            className={cn(
              'absolute top-1.5 -left-[25px] size-2.5 rounded-full ring-4 ring-card',
              i === 0 ? 'bg-primary' : 'bg-muted-foreground/40',
            )}
          />
          <p className="text-sm font-medium">
            {e.toStatus && (e.kind === 'status_changed' || audience === 'customer')
              ? t.dynamic(`${statusKey}.${e.toStatus}`)
              : t.dynamic(`orders.events.${e.kind}`, undefined, e.kind)}
          </p>
          {e.note ? <p className="mt-0.5 text-sm whitespace-pre-line text-muted-foreground">{e.note}</p> : null}
          <p className="mt-0.5 text-xs text-muted-foreground">
            <time dateTime={e.at}>{formatTime(e.at)}</time>
            {audience === 'staff' && e.actorLabel ? ` · ${e.actorLabel}` : ''}
            {audience === 'staff' && !e.public ? ' · 🔒' : ''}
          </p>
        </li>
      ))}
    </ol>
  );
}
