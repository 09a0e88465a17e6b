import type { Metadata } from 'next';
import { KeyRound } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listApiKeys } from '@/lib/api-keys';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { CreateKeyDialog } from './_components/create-key-dialog';
import { RevokeKeyButton } from './_components/revoke-key-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('apiKeys.title') };
}

export default async function ApiKeysPage() {
  await requireAreaActor('access:admin:any');
  const keys = await listApiKeys({ ctx: await getRequestContext() });
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const time = (d: Date | null) => (d ? formatDateTime(d, locale, tz) : '—');
  return (
    <>
      <PageHeader title={t('apiKeys.title')} description={t('apiKeys.description')} actions={<CreateKeyDialog />} />
      {keys.length === 0 ? (
        <EmptyState icon={<KeyRound />} title={t('apiKeys.empty')} description={t('apiKeys.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('apiKeys.name')}</TableHead>
                <TableHead>{t('apiKeys.prefix')}</TableHead>
                <TableHead>{t('apiKeys.scopes')}</TableHead>
                <TableHead>{t('apiKeys.createdBy')}</TableHead>
                <TableHead>{t('apiKeys.lastUsed')}</TableHead>
                <TableHead>{t('apiKeys.status')}</TableHead>
                <TableHead className="text-right">{t('common.actions')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.map((k) => (
                <TableRow key={k.id}>
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell className="font-mono text-xs">ak_{k.prefix}_…</TableCell>
                  <TableCell className="font-mono text-xs">{k.scopes.join(', ')}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {k.createdBy}
                    <span className="block text-xs">{time(k.createdAt)}</span>
                  </TableCell>
                  <TableCell className="text-muted-foreground tabular-nums">{time(k.lastUsedAt)}</TableCell>
                  <TableCell>
                    {k.revokedAt ? (
                      <Badge variant="destructive">{t('apiKeys.revokedBadge')}</Badge>
                    ) : (
                      <Badge variant="success">{t('apiKeys.active')}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    {k.revokedAt ? null : <RevokeKeyButton id={k.id} name={k.name} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
