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

/** A stored note in words: a few notes are written by the system in a fixed form. */
function eventNote(e: CaseEventDto, t: Translate): string | null {
  if (!e.note) return null;
  const override = /^override: ([\s\S]*)$/.exec(e.note);
  if (e.kind === 'created' && override) return t('caseDesk.detail.override', { reason: override[1]! });
  const autoClosed = /^auto: (\d+)d$/.exec(e.note);
  if (e.kind === 'close' && autoClosed) return t('cases.eventNotes.autoClosed', { days: autoClosed[1]! });
  return e.note;
}

function eventTitle(e: CaseEventDto, t: Translate, audience: 'staff' | 'customer'): string {
  if (e.toStatus) return t.dynamic(`${audience === 'staff' ? 'cases.status' : 'cases.customerStatus'}.${e.toStatus}`);
  return t.dynamic(`cases.events.${e.kind}`, undefined, t.dynamic(`cases.actions.${e.kind}`, undefined, e.kind));
}

/**
 * The case's steps, newest first. Staff see every step with who took it, and which notes the
 * customer also sees; the customer sees the public steps with "you" or "customer service".
 */
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
  return (
    <ol className="relative grid gap-4 border-l pl-5" data-testid="case-timeline">
      {events.map((e, i) => {
        const note = eventNote(e, t);
        const who =
          audience === 'staff'
            ? e.actorKind === 'system'
              ? t('cases.eventActors.system')
              : e.actorLabel
            : e.actorKind === 'customer'
              ? t('casePortal.you')
              : e.actorKind === 'staff'
                ? t('casePortal.us')
                : '';
        return (
          <li key={e.id} className="relative" data-testid="case-event">
            <span
              aria-hidden
              className={cn(
                'absolute top-1.5 -left-[25px] size-2.5 rounded-full ring-4 ring-card',
                i === 0 ? 'bg-primary' : 'bg-muted-foreground/40',
              )}
            />
            <p className="text-sm font-medium">
              {eventTitle(e, t, audience)}
              {audience === 'staff' && !e.public ? (
                <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs font-normal text-muted-foreground">
                  {t('cases.eventVisibility.internal')}
                </span>
              ) : null}
            </p>
            {note ? (
              <p className="mt-0.5 text-sm whitespace-pre-line text-muted-foreground">
                {note}
                {audience === 'staff' && e.public ? (
                  <span
                    className="ml-2 text-xs whitespace-nowrap text-foreground/70"
                    data-testid="note-customer-visible"
                  >
                    ({t('cases.eventVisibility.customerSees')})
                  </span>
                ) : null}
              </p>
            ) : null}
            <p className="mt-0.5 text-xs text-muted-foreground">
              <time dateTime={e.at}>{formatTime(e.at)}</time>
              {who ? ` · ${who}` : ''}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
