import type { Metadata } from 'next';
import { ChevronRight, Plus, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams } from '@/components/data/search-params';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { PageHeader } from '@/components/layout/app-shell';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAreaActor } from '@/lib/auth/guard';
import { listCases } from '@/lib/cases/queries';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('casePortal.title') };
}

export default async function PortalCasesPage({ searchParams }: PageProps<'/portal/cases'>) {
  await requireAreaActor('access:portal:own');
  const { cursor } = pickParams(await searchParams, ['cursor'] as const);
  const page = await listCases({ ctx: await getRequestContext(), input: { cursor } });
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const newButton = (
    <Button asChild>
      <Link href="/portal/cases/new">
        <Plus />
        {t('casePortal.new')}
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title={t('casePortal.title')}
        description={t('casePortal.description')}
        actions={
          <>
            <LiveRefresh topics={['cases']} />
            {newButton}
          </>
        }
      />
      {page.items.length === 0 ? (
        <EmptyState
          icon={<RotateCcw />}
          title={t('casePortal.empty')}
          description={t('casePortal.emptyHint')}
          action={newButton}
        />
      ) : (
        <Card className="divide-y py-0">
          {page.items.map((c) => (
            <Link
              key={c.caseNo}
              href={`/portal/cases/${c.caseNo}`}
              className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-4 hover:bg-accent/40"
              data-testid={`portal-case-${c.caseNo}`}
            >
              <div className="grid min-w-48 gap-0.5">
                <span className="font-mono text-sm font-medium">{c.caseNo}</span>
                <span className="text-xs text-muted-foreground">
                  {t(`cases.types.${c.type}`)} · {c.orderNo} · {formatDateTime(c.createdAt, locale, tz)}
                </span>
              </div>
              <CaseStatusBadge status={c.status} label={t(`cases.customerStatus.${c.status}`)} />
              <ChevronRight className="ml-auto size-4 text-muted-foreground" />
            </Link>
          ))}
        </Card>
      )}
      <KeysetPager
        basePath="/portal/cases"
        params={{ cursor }}
        nextCursor={page.nextCursor}
        hasCursor={!!cursor}
        count={page.items.length}
      />
    </>
  );
}
