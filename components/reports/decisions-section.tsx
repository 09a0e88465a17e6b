import Link from 'next/link';
import { Suspense } from 'react';
import { Lightbulb, TrendingUp } from 'lucide-react';
import { BarList } from '@/components/charts/bar-list';
import { formatSigned } from '@/components/charts/format';
import { DeltaBadge } from '@/components/charts/kpi-card';
import { Badge } from '@/components/ui/badge';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getRepeatCustomers, type Dashboard } from '@/lib/analytics/dashboard';
import { getRequestContext } from '@/lib/context/request';
import { cn } from '@/lib/utils';
import { DrillLink, GroupHeading, rateText, Section, SectionEmpty, type ReportKit } from './parts';
import { relativeChange, SLA_STAGES } from '@/lib/analytics/report/params';

/** How many products the decision view ranks. */
const TOP_PRODUCTS = 10;
const TOP_REASONS = 8;

function NameLink({
  href,
  children,
  className,
}: {
  href: string | undefined;
  children: React.ReactNode;
  className?: string;
}) {
  return href ? (
    <Link href={href} className={cn('underline-offset-4 hover:underline', className)}>
      {children}
    </Link>
  ) : (
    <span className={className}>{children}</span>
  );
}

/** A card whose body is a table running edge to edge (or an empty state). */
function TableCard({
  title,
  description,
  drill,
  empty,
  children,
  testId,
  className,
}: {
  title: string;
  description: string;
  drill?: React.ReactNode;
  empty?: React.ReactNode;
  children?: React.ReactNode;
  testId: string;
  className?: string;
}) {
  return (
    <Card className={cn('min-w-0 break-inside-avoid gap-0 pb-0', className)} data-testid={testId}>
      <CardHeader className="border-b pb-4">
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
        {drill ? <CardAction>{drill}</CardAction> : null}
      </CardHeader>
      {empty ? <div className="p-6">{empty}</div> : children}
    </Card>
  );
}

/**
 * The views that point at decisions: which products and reasons cost the most after-sales, which
 * reasons are rising, where the SLA is missed, which customers keep coming back, and by category.
 */
export function DecisionsSection({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t, links } = k;
  const as = d.afterSales;
  const products = as.byProduct.slice(0, TOP_PRODUCTS);
  const rising = as.byReason
    .filter((r) => r.opened > r.previous)
    .sort((a, b) => b.opened - b.previous - (a.opened - a.previous) || b.opened - a.opened)
    .slice(0, TOP_REASONS);
  const breaches = SLA_STAGES.map((s) => {
    const c = as.current.sla[s];
    const p = as.previous.sla[s];
    return { stage: s, now: c.total - c.met, before: p.total - p.met, total: c.total };
  });
  const anyBreach = breaches.some((b) => b.now > 0 || b.before > 0);

  return (
    <section aria-labelledby="decisions" className="grid gap-6">
      <GroupHeading
        id="decisions"
        icon={<Lightbulb />}
        title={t('reports.decisions.title')}
        description={t('reports.decisions.description')}
      />

      <TableCard
        testId="top-products"
        title={t('reports.products.title')}
        description={t('reports.products.description', { count: TOP_PRODUCTS })}
        empty={
          products.length ? null : <SectionEmpty title={t('reports.afterSales.empty')} hint={t('reports.emptyHint')} />
        }
      >
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10 pl-6">#</TableHead>
              <TableHead>{t('reports.products.product')}</TableHead>
              <TableHead className="text-right">{t('reports.products.rate')}</TableHead>
              <TableHead className="text-right">{t('reports.products.openedDelivered')}</TableHead>
              <TableHead className="text-right">{t('reports.products.cost')}</TableHead>
              <TableHead className="pr-6">{t('reports.products.reasons')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {products.map((p, i) => (
              <TableRow key={p.productId} data-testid="top-product">
                <TableCell className="pl-6 text-muted-foreground tabular-nums">{i + 1}</TableCell>
                <TableCell className="max-w-72">
                  <NameLink href={links?.cases({ productId: p.productId })} className="block truncate font-medium">
                    {p.name}
                  </NameLink>
                  <span className="text-xs text-muted-foreground">{k.category(p.category)}</span>
                </TableCell>
                <TableCell className="text-right font-medium tabular-nums">{rateText(k, p.rate)}</TableCell>
                <TableCell className="text-right text-muted-foreground tabular-nums">
                  {k.count(p.opened)} / {k.count(p.delivered)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{k.money(p.costCents)}</TableCell>
                <TableCell className="pr-6">
                  <ul className="flex flex-wrap gap-1" aria-label={t('reports.products.reasons')}>
                    {p.topReasons.map((r) => (
                      <li key={r}>
                        <Badge variant="outline" asChild={!!links}>
                          {links ? (
                            <Link href={links.cases({ productId: p.productId, reason: r })}>{k.reason(r)}</Link>
                          ) : (
                            k.reason(r)
                          )}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <p className="border-t px-6 py-3 text-xs text-muted-foreground">{t('reports.products.note')}</p>
      </TableCard>

      <div className="grid items-start gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-4">
        <Section
          title={t('reports.reasons.title')}
          description={t('reports.reasons.description')}
          testId="reasons-rising"
        >
          {rising.length ? (
            <ul className="grid gap-3">
              {rising.map((r) => {
                const change = relativeChange(r.opened, r.previous);
                return (
                  <li key={r.reason} className="flex items-center gap-3 text-sm" data-testid="reason-rising">
                    <TrendingUp aria-hidden="true" className="size-4 shrink-0 text-destructive" />
                    <NameLink href={links?.cases({ reason: r.reason })} className="min-w-0 flex-1 truncate">
                      {k.reason(r.reason)}
                    </NameLink>
                    <span className="text-xs text-muted-foreground tabular-nums">
                      {t('reports.reasons.fromTo', { previous: k.count(r.previous), current: k.count(r.opened) })}
                    </span>
                    <DeltaBadge
                      delta={{
                        value: r.opened - r.previous,
                        direction: 'lowerIsBetter',
                        text: change === null ? t('reports.reasons.new') : `${formatSigned(change, k.locale, 0)}%`,
                      }}
                    />
                  </li>
                );
              })}
            </ul>
          ) : (
            <SectionEmpty title={t('reports.reasons.empty')} hint={t('reports.reasons.emptyHint')} />
          )}
        </Section>

        <Section
          title={t('reports.breaches.title')}
          description={t('reports.breaches.description')}
          drill={<DrillLink href={links?.cases()}>{t('reports.drill.cases')}</DrillLink>}
          testId="sla-breaches"
        >
          {anyBreach ? (
            <BarList
              label={t('reports.breaches.title')}
              color="destructive"
              sortOrder="none"
              data={breaches.map((b) => ({
                key: b.stage,
                name: t(`reports.sla.stages.${b.stage}`),
                value: b.now,
                secondary: t('reports.breaches.previous', { count: k.count(b.before) }),
              }))}
              valueFormatter={k.count}
            />
          ) : (
            <EmptyState
              title={t('reports.breaches.empty')}
              description={t('reports.breaches.emptyHint')}
              className="py-8"
            />
          )}
        </Section>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-4">
        <TableCard
          testId="by-category"
          title={t('reports.categoryTable.title')}
          description={t('reports.categoryTable.description')}
          empty={as.byCategory.length ? null : <SectionEmpty title={t('reports.afterSales.empty')} />}
        >
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">{t('reports.categoryTable.category')}</TableHead>
                <TableHead className="text-right">{t('reports.products.rate')}</TableHead>
                <TableHead className="text-right">{t('reports.products.openedDelivered')}</TableHead>
                <TableHead className="pr-6 text-right">{t('reports.products.cost')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {as.byCategory.map((c) => (
                <TableRow key={c.category}>
                  <TableCell className="pl-6 font-medium">
                    <NameLink href={links?.cases({ category: c.category })}>{k.category(c.category)}</NameLink>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{rateText(k, c.rate)}</TableCell>
                  <TableCell className="text-right text-muted-foreground tabular-nums">
                    {k.count(c.opened)} / {k.count(c.delivered)}
                  </TableCell>
                  <TableCell className="pr-6 text-right tabular-nums">{k.money(c.costCents)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableCard>

        <Suspense fallback={<RepeatCustomersSkeleton k={k} />}>
          <RepeatCustomersCard d={d} k={k} />
        </Suspense>
      </div>
    </section>
  );
}

/**
 * Customers with repeated cases: the one figure read from cases rather than rollups, so it
 * streams in after the rest of the page (getRepeatCustomers authorises on its own).
 */
async function RepeatCustomersCard({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t, links } = k;
  const ctx = await getRequestContext();
  const customers = await getRepeatCustomers({ ctx, input: { ...d.period, ...d.filters } });
  return (
    <TableCard
      testId="repeat-customers"
      title={t('reports.repeat.title')}
      description={t('reports.repeat.description')}
      drill={<DrillLink href={links?.cases()}>{t('reports.drill.cases')}</DrillLink>}
      empty={customers.length ? null : <SectionEmpty title={t('reports.repeat.empty')} />}
    >
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead className="pl-6">{t('reports.repeat.customer')}</TableHead>
            <TableHead className="pr-6 text-right">{t('reports.repeat.cases')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {customers.map((c) => (
            <TableRow key={c.customerId} data-testid="repeat-customer">
              <TableCell className="pl-6 font-medium">{c.name}</TableCell>
              <TableCell className="pr-6 text-right tabular-nums">{k.count(c.cases)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableCard>
  );
}

function RepeatCustomersSkeleton({ k }: { k: ReportKit }) {
  return (
    <TableCard
      testId="repeat-customers-loading"
      title={k.t('reports.repeat.title')}
      description={k.t('reports.repeat.description')}
    >
      <div className="grid gap-3 p-6" aria-busy="true" aria-label={k.t('common.loading')}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </TableCard>
  );
}
