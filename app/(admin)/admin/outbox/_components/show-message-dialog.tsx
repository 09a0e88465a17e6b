'use client';

import { Eye } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { useT } from '@/lib/i18n/client';

export type OutboxMessageView = {
  id: number;
  to: string;
  subject: string;
  text: string;
  statusLabel: string;
  attemptsLabel: string;
  created: string;
  sent: string | null;
  lastError: string | null;
};

/** The plain-text body of one outbox message, with its delivery details. */
export function ShowMessageDialog({ message }: { message: OutboxMessageView }) {
  const t = useT();
  const details: [string, string][] = [
    [t('outbox.to'), message.to],
    [t('outbox.status'), `${message.statusLabel} · ${message.attemptsLabel}`],
    [t('outbox.created'), message.created],
    ...(message.sent ? ([[t('outbox.sentAt'), message.sent]] as [string, string][]) : []),
  ];
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid={`show-mail-${message.id}`}>
          <Eye />
          {t('outbox.show')}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t('common.close')} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="pr-6 leading-snug">{message.subject}</DialogTitle>
          <DialogDescription className="sr-only">{t('outbox.bodyLabel')}</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
          {details.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-all tabular-nums">{value}</dd>
            </div>
          ))}
          {message.lastError ? (
            <div className="contents">
              <dt className="text-muted-foreground">{t('outbox.lastError')}</dt>
              <dd className="min-w-0 font-mono text-xs break-all text-destructive">{message.lastError}</dd>
            </div>
          ) : null}
        </dl>
        <section aria-label={t('outbox.bodyLabel')} className="grid gap-2">
          <h3 className="text-sm font-medium">{t('outbox.bodyLabel')}</h3>
          <pre
            tabIndex={0}
            className="max-h-[50vh] overflow-auto rounded-md border bg-muted/40 p-4 font-sans text-sm leading-relaxed break-words whitespace-pre-wrap focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
          >
            {message.text}
          </pre>
        </section>
      </DialogContent>
    </Dialog>
  );
}
