import { ChevronRight, Plus, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { CaseStatusBadge } from '@/components/cases/case-badges';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { HomeCaseDto } from '@/lib/cases/customer-home';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';

/** The portal home's "My after-sales requests": what is in progress and what the customer does next. */
export async function OpenCasesCard({ cases, more }: { cases: HomeCaseDto[]; more: boolean }) {
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  return (
    <Card data-testid="home-cases">
      <CardHeader>
        <CardTitle>{t('portal.casesTitle')}</CardTitle>
        <CardAction>
          <Button variant="outline" size="sm" asChild>
            <Link href="/portal/cases">{t('admin.viewAll')}</Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {cases.length === 0 ? (
          <EmptyState
            icon={<RotateCcw />}
            title={t('portal.homeCasesEmpty')}
            description={t('portal.casesEmptyHint')}
            action={
              <Button variant="outline" size="sm" asChild>
                <Link href="/portal/cases/new">
                  <Plus />
                  {t('casePortal.new')}
                </Link>
              </Button>
            }
          />
        ) : (
          <ul className="divide-y rounded-lg border">
            {cases.map((c) => (
              <li key={c.caseNo}>
                <Link
                  href={`/portal/cases/${c.caseNo}`}
                  className="flex items-center gap-3 px-4 py-3 text-sm hover:bg-accent/40"
                  data-testid={`home-case-${c.caseNo}`}
                >
                  <span className="grid min-w-0 flex-1 gap-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{t.dynamic(`cases.types.${c.type}`)}</span>
                      <CaseStatusBadge status={c.status} label={t.dynamic(`cases.customerStatus.${c.status}`)} />
                      {c.waitingForCustomer ? <Badge variant="warning">{t('portal.homeCasesYourTurn')}</Badge> : null}
                    </span>
                    <span className="text-muted-foreground">
                      {t.dynamic(`casePortal.nextStep.${c.status}`, undefined, '')}
                    </span>
                    <span className="text-xs text-muted-foreground">
                      <span className="font-mono">{c.caseNo}</span> · {c.orderNo} ·{' '}
                      {t('portal.homeCasesUpdated', { when: formatDateTime(c.updatedAt, locale, tz) })}
                    </span>
                  </span>
                  <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                </Link>
              </li>
            ))}
          </ul>
        )}
        {more ? (
          <p className="mt-3 text-sm">
            <Link href="/portal/cases" className="text-primary underline-offset-4 hover:underline">
              {t('portal.homeCasesMore')}
            </Link>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
