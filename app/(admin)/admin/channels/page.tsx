import { numberFormat } from '@/lib/intl';
import type { Metadata } from 'next';
import { Store } from 'lucide-react';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { listChannels } from '@/lib/catalog/channels';
import { catalogName } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { ChannelActions, NewChannelDialog } from './_components/channel-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('channelAdmin.title') };
}

export default async function ChannelsPage() {
  await requireAreaActor('access:admin:any');
  const rows = await listChannels({ ctx: await getRequestContext() });
  const [t, locale] = [await getT(), await getLocale()];
  const count = numberFormat(locale);
  return (
    <>
      <PageHeader
        title={t('channelAdmin.title')}
        description={t('channelAdmin.description')}
        actions={<NewChannelDialog />}
      />
      {rows.length === 0 ? (
        <EmptyState icon={<Store />} title={t('channelAdmin.empty')} description={t('channelAdmin.emptyHint')} />
      ) : (
        <>
          <Card className="py-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-20 text-right">{t('catalogRecords.position')}</TableHead>
                  <TableHead>{t('catalogRecords.code')}</TableHead>
                  <TableHead>{t('catalogRecords.nameZh')}</TableHead>
                  <TableHead>{t('catalogRecords.nameEn')}</TableHead>
                  <TableHead>{t('catalogRecords.status')}</TableHead>
                  <TableHead className="text-right">{t('channelAdmin.orders')}</TableHead>
                  <TableHead className="w-56">
                    <span className="sr-only">{t('common.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow
                    key={r.code}
                    data-testid={`channel-${r.code}`}
                    className={r.active ? undefined : 'text-muted-foreground'}
                  >
                    <TableCell className="text-right tabular-nums">{r.position}</TableCell>
                    <TableCell className="font-mono text-xs">{r.code}</TableCell>
                    <TableCell className="font-medium" lang="zh-CN">
                      {r.nameZh}
                    </TableCell>
                    <TableCell lang="en">{r.nameEn}</TableCell>
                    <TableCell>
                      <Badge variant={r.active ? 'success' : 'outline'}>
                        {r.active ? t('catalogRecords.active') : t('catalogRecords.inactive')}
                      </Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{count.format(r.orders)}</TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <ChannelActions record={r} name={catalogName(r, locale)} orders={count.format(r.orders)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <p className="mt-3 text-xs text-muted-foreground">{t('channelAdmin.ordersNote')}</p>
        </>
      )}
    </>
  );
}
