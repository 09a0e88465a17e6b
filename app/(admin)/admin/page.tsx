import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { listAuditEvents } from '@/lib/audit/queries';
import { requireAreaActor } from '@/lib/auth/guard';
import { ROLES } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { countUsersByRole } from '@/lib/users/queries';

export default async function AdminHome() {
  await requireAreaActor('access:admin:any');
  const ctx = await getRequestContext();
  const [t, locale, counts, recent] = await Promise.all([
    getT(),
    getLocale(),
    countUsersByRole({ ctx }),
    listAuditEvents({ ctx, input: {} }),
  ]);
  const tz = env().SHOP_TIMEZONE;
  return (
    <>
      <PageHeader title={t('admin.homeTitle')} description={t('admin.homeSubtitle')} />
      <section aria-label={t('admin.activeUsers')} className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {ROLES.map((role) => (
          <Link
            key={role}
            href={`/admin/users?role=${role}&status=active`}
            className="group rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <Card className="gap-1 py-4 transition-colors group-hover:border-primary/40">
              <CardContent className="grid gap-1">
                <span className="text-sm text-muted-foreground">{t(`roles.${role}`)}</span>
                <span className="text-3xl font-semibold tabular-nums" data-testid={`count-${role}`}>
                  {counts[role] ?? 0}
                </span>
              </CardContent>
            </Card>
          </Link>
        ))}
      </section>
      <Card>
        <CardHeader>
          <CardTitle>{t('admin.recentActivity')}</CardTitle>
          <CardAction>
            <Button variant="outline" size="sm" asChild>
              <Link href="/admin/audit">{t('admin.viewAll')}</Link>
            </Button>
          </CardAction>
        </CardHeader>
        <CardContent>
          {recent.items.length === 0 ? (
            <EmptyState icon={<ScrollText />} title={t('admin.recentActivityEmpty')} />
          ) : (
            <ul className="divide-y">
              {recent.items.slice(0, 8).map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                  <span>
                    <span className="font-medium">{e.actorLabel}</span>{' '}
                    <span className="text-muted-foreground">
                      {t.dynamic(`auditActions.${e.action}`, undefined, e.action)}
                    </span>
                  </span>
                  <time dateTime={e.at} className="text-xs text-muted-foreground tabular-nums">
                    {formatDateTime(e.at, locale, tz)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
