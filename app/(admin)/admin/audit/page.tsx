import type { Metadata } from 'next';
import { AlertCircle, ScrollText } from 'lucide-react';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/app-shell';
import { KeysetPager } from '@/components/data/keyset-pager';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { displayIp, presentChanges, referencedUserIds, type PresentedChange } from '@/lib/audit/present';
import { auditUserNames, listAuditEvents, listAuditFacets, type AuditEventDto } from '@/lib/audit/queries';
import { getShopSettings } from '@/lib/shop/settings';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('admin.audit.title') };
}

function str(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function Changes({ changes }: { changes: PresentedChange[] }) {
  if (!changes.length) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="grid gap-0.5 text-xs">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="font-medium">{c.label}</span>:{' '}
          {c.before !== null ? (
            <>
              <span className="text-muted-foreground line-through decoration-muted-foreground/40">{c.before}</span>
              {' → '}
            </>
          ) : null}
          <span>{c.after ?? '—'}</span>
        </li>
      ))}
    </ul>
  );
}

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  await requireAreaActor('access:admin:any');
  const sp = await searchParams;
  const params = {
    action: str(sp.action),
    entityType: str(sp.entityType),
    entityId: str(sp.entityId),
    actor: str(sp.actor),
    from: str(sp.from),
    to: str(sp.to),
    cursor: str(sp.cursor),
  };
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  let filterError: string | null = null;
  let page: Page<AuditEventDto> = { items: [], nextCursor: null };
  try {
    page = await listAuditEvents({ ctx, input: params });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const [field, codes] = Object.entries(err.fieldErrors)[0] ?? ['', ['invalid']];
    filterError = `${field}: ${t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid'))}`;
  }
  const [facets, names, shop] = await Promise.all([
    listAuditFacets({ ctx }),
    auditUserNames({ ctx, ids: referencedUserIds(page.items.map((e) => e.changes)) }),
    getShopSettings(),
  ]);
  const tz = env().SHOP_TIMEZONE;
  const presentOpts = { t, locale, timeZone: tz, currency: shop.currency, names };
  const entityLabel = (type: string) => t.dynamic(`auditEntities.${type}`, undefined, type);
  const filtered = Object.entries(params).some(([k, v]) => k !== 'cursor' && v);

  return (
    <>
      <PageHeader title={t('admin.audit.title')} description={t('admin.audit.description')} />
      <form method="get" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto]">
        <NativeSelect name="action" defaultValue={params.action ?? ''} aria-label={t('admin.audit.action')}>
          <option value="">{t('admin.audit.anyAction')}</option>
          {facets.actions.map((a) => (
            <option key={a} value={a}>
              {t.dynamic(`auditActions.${a}`, undefined, a)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect name="entityType" defaultValue={params.entityType ?? ''} aria-label={t('admin.audit.entity')}>
          <option value="">{t('admin.audit.anyEntity')}</option>
          {facets.entityTypes.map((e) => (
            <option key={e} value={e}>
              {entityLabel(e)}
            </option>
          ))}
        </NativeSelect>
        <Input
          name="entityId"
          defaultValue={params.entityId}
          placeholder={t('admin.audit.entityIdPlaceholder')}
          aria-label={t('admin.audit.entityIdPlaceholder')}
          maxLength={100}
        />
        <Input
          name="actor"
          defaultValue={params.actor}
          placeholder={t('admin.audit.actorPlaceholder')}
          aria-label={t('admin.audit.actor')}
          maxLength={254}
        />
        {(['from', 'to'] as const).map((k) => (
          <div key={k} className="relative">
            <Label
              htmlFor={`audit-${k}`}
              className="pointer-events-none absolute -top-2 left-2 bg-background px-1 text-xs font-normal text-muted-foreground"
            >
              {t(`admin.audit.${k}`)}
            </Label>
            <Input id={`audit-${k}`} type="date" name={k} defaultValue={params[k]} />
          </div>
        ))}
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            {t('common.apply')}
          </Button>
          {filtered ? (
            <Button variant="ghost" asChild>
              <Link href="/admin/audit">{t('common.reset')}</Link>
            </Button>
          ) : null}
        </div>
      </form>
      {filterError ? (
        <Alert variant="destructive" className="mb-4">
          <AlertCircle />
          <AlertDescription>{filterError}</AlertDescription>
        </Alert>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState icon={<ScrollText />} title={t('admin.audit.empty')} description={t('admin.audit.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-40">{t('admin.audit.when')}</TableHead>
                <TableHead>{t('admin.audit.actor')}</TableHead>
                <TableHead>{t('admin.audit.action')}</TableHead>
                <TableHead>{t('admin.audit.entity')}</TableHead>
                <TableHead>{t('admin.audit.changes')}</TableHead>
                <TableHead>{t('admin.audit.address')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((e) => (
                <TableRow key={e.id} className="align-top">
                  <TableCell className="text-muted-foreground tabular-nums">
                    <time dateTime={e.at}>{formatDateTime(e.at, locale, tz)}</time>
                  </TableCell>
                  <TableCell className="font-medium">{e.actorLabel}</TableCell>
                  <TableCell>
                    <Badge variant={e.action.endsWith('failed') ? 'warning' : 'secondary'}>
                      {t.dynamic(`auditActions.${e.action}`, undefined, e.action)}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-xs">
                    <span className="font-medium">{entityLabel(e.entityType)}</span>
                    {e.entityId ? (
                      <span className="block max-w-40 truncate text-muted-foreground" title={e.entityId}>
                        {e.entityId}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="max-w-sm whitespace-normal">
                    <Changes changes={presentChanges(e.changes, e.entityType, presentOpts)} />
                  </TableCell>
                  <TableCell className="text-xs text-muted-foreground">{displayIp(e.ip) ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath="/admin/audit"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
