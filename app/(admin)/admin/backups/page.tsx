import type { Metadata } from 'next';
import { Archive, KeyRound, TriangleAlert } from 'lucide-react';
import { KeysetPager } from '@/components/data/keyset-pager';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getBackupOverview, listBackupRuns, type BackupRunDto, type BackupState } from '@/lib/backup/admin';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/config';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import { RunButtons } from './_components/run-buttons';
import { ScheduleForm } from './_components/schedule-form';
import { numberFormat } from '@/lib/intl';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('backups.title') };
}

const STATE_VARIANT: Record<BackupState, BadgeProps['variant']> = {
  ok: 'success',
  overdue: 'warning',
  never: 'secondary',
  failed: 'destructive',
  off: 'outline',
};
const STATUS_VARIANT: Record<string, BadgeProps['variant']> = {
  succeeded: 'success',
  failed: 'destructive',
  running: 'outline',
};

function bytes(n: number | null, locale: Locale): string {
  if (n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}

function StatusCard({
  testId,
  title,
  state,
  last,
  failure,
  limitHours,
  kind,
  t,
  locale,
  tz,
}: {
  testId: string;
  title: string;
  state: BackupState;
  last: BackupRunDto | null;
  failure: BackupRunDto | null;
  limitHours: number;
  kind: 'backup' | 'verify';
  t: Translate;
  locale: Locale;
  tz: string;
}) {
  const num = (n: number | null) => (n === null ? '—' : n.toLocaleString(locale));
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <div className="flex items-center justify-between gap-3">
          <CardTitle>{title}</CardTitle>
          <Badge variant={STATE_VARIANT[state]} data-testid={`${testId}-state`}>
            {t.dynamic(`backups.states.${state}`)}
          </Badge>
        </div>
        <CardDescription>
          {t.dynamic(`backups.nextStep.${kind}.${state}`, { hours: String(Math.round(limitHours)) })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {last ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
            <dt className="text-muted-foreground">{t('backups.when')}</dt>
            <dd className="tabular-nums">
              <time dateTime={last.finishedAt ?? last.startedAt}>
                {formatDateTime(last.finishedAt ?? last.startedAt, locale, tz)}
              </time>
            </dd>
            <dt className="text-muted-foreground">{t('backups.archive')}</dt>
            <dd className="font-mono text-xs break-all">{last.archive ?? '—'}</dd>
            <dt className="text-muted-foreground">{t('backups.size')}</dt>
            <dd className="tabular-nums">{bytes(last.sizeBytes, locale)}</dd>
            <dt className="text-muted-foreground">{t('backups.rows')}</dt>
            <dd className="tabular-nums">{num(last.rows)}</dd>
            <dt className="text-muted-foreground">{t('backups.attachments')}</dt>
            <dd className="tabular-nums">{num(last.blobs)}</dd>
            <dt className="text-muted-foreground">{t('backups.trigger')}</dt>
            <dd>{t.dynamic(`backups.triggers.${last.trigger}`, undefined, last.trigger)}</dd>
          </dl>
        ) : (
          <p className="text-muted-foreground">
            {t(kind === 'backup' ? 'backups.noBackupYet' : 'backups.noVerifyYet')}
          </p>
        )}
        {failure ? (
          <Alert variant="destructive">
            <TriangleAlert />
            <AlertTitle>{t('backups.lastFailure', { when: formatDateTime(failure.startedAt, locale, tz) })}</AlertTitle>
            <AlertDescription className="break-words">{failure.error ?? '—'}</AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

export default async function BackupsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAreaActor('access:admin:any');
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && sp.cursor.length <= 200 ? sp.cursor : undefined;
  const ctx = await getRequestContext();
  const [overview, runs] = await Promise.all([getBackupOverview({ ctx }), listBackupRuns({ ctx, input: { cursor } })]);
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const s = overview.schedule;

  return (
    <>
      <PageHeader
        title={t('backups.title')}
        description={t('backups.description')}
        actions={<RunButtons canVerify={!!overview.latestArchive} />}
      />
      <div className="grid gap-6">
        {!s.enabled ? (
          <Alert variant="warning" data-testid="backup-schedule-off">
            <TriangleAlert />
            <AlertTitle>{t('backups.offTitle')}</AlertTitle>
            <AlertDescription className="text-card-foreground">{t('backups.offHint')}</AlertDescription>
          </Alert>
        ) : null}

        <div className="grid gap-6 lg:grid-cols-2">
          <StatusCard
            testId="backup-last"
            title={t('backups.lastBackup')}
            state={overview.backup.state}
            last={overview.backup.last}
            failure={overview.backup.lastFailure}
            limitHours={overview.backup.limitHours}
            kind="backup"
            t={t}
            locale={locale}
            tz={tz}
          />
          <StatusCard
            testId="backup-verify"
            title={t('backups.lastVerify')}
            state={overview.verify.state}
            last={overview.verify.last}
            failure={overview.verify.lastFailure}
            limitHours={overview.verify.limitHours}
            kind="verify"
            t={t}
            locale={locale}
            tz={tz}
          />
        </div>

        <Card>
          <CardHeader>
            <CardTitle>{t('backups.schedule')}</CardTitle>
            <CardDescription>{t('backups.scheduleHint', { dir: overview.backupDir })}</CardDescription>
          </CardHeader>
          <CardContent>
            <ScheduleForm
              key={`${s.enabled}-${s.intervalHours}-${s.retention}-${s.verify}`}
              initial={{ enabled: s.enabled, intervalHours: s.intervalHours, retention: s.retention, verify: s.verify }}
            />
          </CardContent>
        </Card>

        <Alert data-testid="backup-key">
          <KeyRound />
          <AlertTitle>{t('backups.keyTitle')}</AlertTitle>
          <AlertDescription>
            <p>
              {t('backups.keyFingerprint')}:{' '}
              <code className="font-mono text-card-foreground">{overview.fingerprint ?? t('backups.keyUnknown')}</code>
            </p>
            <p>{t('backups.keyHint')}</p>
          </AlertDescription>
        </Alert>

        <section aria-labelledby="backup-runs-title" className="grid gap-3">
          <h2 id="backup-runs-title" className="text-lg font-semibold">
            {t('backups.runs')}
          </h2>
          {runs.items.length === 0 ? (
            <EmptyState icon={<Archive />} title={t('backups.runsEmpty')} description={t('backups.runsEmptyHint')} />
          ) : (
            <Card className="py-0">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead className="w-44 pl-6">{t('backups.started')}</TableHead>
                    <TableHead>{t('backups.kind')}</TableHead>
                    <TableHead>{t('backups.status')}</TableHead>
                    <TableHead>{t('backups.trigger')}</TableHead>
                    <TableHead>{t('backups.archive')}</TableHead>
                    <TableHead className="text-right">{t('backups.size')}</TableHead>
                    <TableHead className="pr-6 text-right">{t('backups.rows')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {runs.items.map((r) => (
                    <TableRow key={r.id} data-testid="backup-run">
                      <TableCell className="pl-6 text-muted-foreground tabular-nums">
                        <time dateTime={r.startedAt}>{formatDateTime(r.startedAt, locale, tz)}</time>
                      </TableCell>
                      <TableCell>{t.dynamic(`backups.kinds.${r.kind}`, undefined, r.kind)}</TableCell>
                      <TableCell>
                        <Badge variant={STATUS_VARIANT[r.status] ?? 'outline'} title={r.error ?? undefined}>
                          {t.dynamic(`backups.statuses.${r.status}`, undefined, r.status)}
                        </Badge>
                      </TableCell>
                      <TableCell>
                        {t.dynamic(`backups.triggers.${r.trigger}`, undefined, r.trigger)}
                        {r.requestedBy ? (
                          <span className="block text-xs text-muted-foreground">{r.requestedBy}</span>
                        ) : null}
                      </TableCell>
                      <TableCell className="max-w-64 truncate font-mono text-xs" title={r.archive ?? undefined}>
                        {r.archive ?? '—'}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{bytes(r.sizeBytes, locale)}</TableCell>
                      <TableCell className="pr-6 text-right tabular-nums">
                        {r.rows === null ? '—' : r.rows.toLocaleString(locale)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Card>
          )}
          <KeysetPager
            basePath="/admin/backups"
            params={{ cursor }}
            nextCursor={runs.nextCursor}
            hasCursor={!!cursor}
            count={runs.items.length}
          />
        </section>
      </div>
    </>
  );
}
