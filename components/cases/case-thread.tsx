import type { AttachmentDto } from '@/lib/attachments/dto';
import type { CaseEventDto, CaseMessageDto } from '@/lib/cases/dto';
import { AttachmentGallery } from './attachment-gallery';
import type { Translate } from '@/lib/i18n/translate';
import { cn } from '@/lib/utils';

/** The conversation: customer on one side, the service team on the other, internal notes marked. */
export function CaseMessages({
  messages,
  attachments = [],
  t,
  formatTime,
  audience,
}: {
  messages: CaseMessageDto[];
  attachments?: AttachmentDto[];
  t: Translate;
  formatTime: (iso: string) => string;
  audience: 'staff' | 'customer';
}) {
  if (messages.length === 0) return <p className="text-sm text-muted-foreground">{t('caseDesk.detail.noMessages')}</p>;
  return (
    <ol className="grid gap-3" data-testid="case-messages">
      {messages.map((m) => {
        const fromCustomer = m.authorKind === 'customer';
        const mine = audience === 'customer' ? fromCustomer : !fromCustomer;
        return (
          <li key={m.id} className={cn('flex', mine ? 'justify-end' : 'justify-start')}>
            <div
              className={cn(
                'max-w-[85%] rounded-xl border px-3.5 py-2.5 text-sm',
                m.internal ? 'border-warning/50 bg-warning/10' : mine ? 'border-primary/20 bg-primary/8' : 'bg-card',
              )}
            >
              <p className="mb-1 text-xs text-muted-foreground">
                {audience === 'customer' ? (fromCustomer ? t('casePortal.you') : t('casePortal.us')) : m.authorLabel} ·{' '}
                {formatTime(m.at)}
                {m.internal ? (
                  <span className="ml-1.5 font-medium text-warning-foreground">
                    {t('caseDesk.detail.internalBadge')}
                  </span>
                ) : null}
              </p>
              <p className="whitespace-pre-line">{m.body}</p>
              <AttachmentGallery files={attachments.filter((a) => a.messageId === m.id)} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function CaseTimeline({
  events,
  t,
  formatTime,
  audience,
}: {
  events: CaseEventDto[];
  t: Translate;
  formatTime: (iso: string) => string;
  audience: 'staff' | 'customer';
}) {
  const statusKey = audience === 'staff' ? 'cases.status' : 'cases.customerStatus';
  return (
    <ol className="relative grid gap-4 border-l pl-5" data-testid="case-timeline">
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
            {e.toStatus
              ? t.dynamic(`${statusKey}.${e.toStatus}`)
              : t.dynamic(`cases.actions.${e.kind}`, undefined, t.dynamic(`cases.events.${e.kind}`, undefined, e.kind))}
          </p>
          {e.note ? <p className="mt-0.5 text-sm whitespace-pre-line text-muted-foreground">{e.note}</p> : null}
          <p className="mt-0.5 text-xs text-muted-foreground">
            <time dateTime={e.at}>{formatTime(e.at)}</time>
            {audience === 'staff' && e.actorLabel ? ` · ${e.actorLabel}` : ''}
          </p>
        </li>
      ))}
    </ol>
  );
}
