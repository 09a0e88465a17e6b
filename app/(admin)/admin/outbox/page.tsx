import type { Metadata } from 'next';
import { Mail, MailCheck, MailWarning } from 'lucide-react';
import { KeysetPager } from '@/components/data/keyset-pager';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { listOutbox } from '@/lib/mail/outbox';
import { ShowMessageDialog } from './_components/show-message-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('outbox.title') };
}

const STATUS_VARIANT: Record<string, BadgeProps['variant']> = {
  sent: 'success',
  stored: 'secondary',
  queued: 'outline',
  failed: 'destructive',
};

export default async function OutboxPage({ searchParams }: PageProps<'/admin/outbox'>) {
  await requireAreaActor('access:admin:any');
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && sp.cursor.length <= 200 ? sp.cursor : undefined;
  const page = await listOutbox({ ctx: await getRequestContext(), input: { cursor } });
  const [t, locale] = [await getT(), await getLocale()];
  const { SMTP_URL, SHOP_TIMEZONE: tz } = env();
  const smtp = !!SMTP_URL;

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Alert variant={smtp ? 'success' : 'warning'} className="mb-4" data-testid="smtp-status">
        {smtp ? <MailCheck /> : <MailWarning />}
        <AlertDescription className="text-card-foreground">
          {smtp ? t('outbox.smtpOn') : t('outbox.smtpOff')}
        </AlertDescription>
      </Alert>
      {page.items.length === 0 ? (
        <EmptyState icon={<Mail />} title={t('outbox.empty')} description={t('outbox.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-40">{t('outbox.created')}</TableHead>
                <TableHead>{t('outbox.to')}</TableHead>
                <TableHead>{t('outbox.subject')}</TableHead>
                <TableHead>{t('outbox.status')}</TableHead>
                <TableHead className="text-right">{t('outbox.attemptsLabel')}</TableHead>
                <TableHead className="w-36">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((m) => {
                const statusLabel = t.dynamic(`outbox.statuses.${m.status}`, undefined, m.status);
                const created = formatDateTime(m.createdAt, locale, tz);
                return (
                  <TableRow key={m.id} data-testid={`mail-${m.id}`}>
                    <TableCell className="text-muted-foreground tabular-nums">
                      <time dateTime={m.createdAt}>{created}</time>
                    </TableCell>
                    <TableCell className="max-w-56 truncate" title={m.to}>
                      {m.to}
                    </TableCell>
                    <TableCell className="max-w-md truncate font-medium" title={m.subject}>
                      {m.subject}
                    </TableCell>
                    <TableCell>
                      <Badge variant={STATUS_VARIANT[m.status] ?? 'outline'} title={m.lastError ?? undefined}>
                        {statusLabel}
                      </Badge>
                    </TableCell>
                    <TableCell className="text-right text-muted-foreground tabular-nums">{m.attempts}</TableCell>
                    <TableCell className="text-right">
                      <ShowMessageDialog
                        message={{
                          id: m.id,
                          to: m.to,
                          subject: m.subject,
                          text: m.text,
                          statusLabel,
                          attemptsLabel: t('outbox.attempts', { count: m.attempts }),
                          created,
                          sent: m.sentAt ? formatDateTime(m.sentAt, locale, tz) : null,
                          lastError: m.lastError,
                        }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath="/admin/outbox"
        params={{ cursor }}
        nextCursor={page.nextCursor}
        hasCursor={!!cursor}
        count={page.items.length}
      />
    </>
  );
}
