import { LifeBuoy } from 'lucide-react';
import Link from 'next/link';
import { Suspense } from 'react';
import { KpiCard } from '@/components/charts/kpi-card';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Dashboard } from '@/lib/analytics/dashboard';
import { getRequestContext } from '@/lib/context/request';
import { getHelpAnalytics, type HelpAnalytics } from '@/lib/help/analytics';
import { cn } from '@/lib/utils';
import { GroupHeading, Note, rateText, SectionEmpty, type ReportKit } from './parts';

/**
 * The help center on the reports page (#13): searches and what found nothing, the most read
 * articles and whether they helped, and deflection. Read from the help tables rather than the
 * case rollups, so it streams in after the rest of the page (getHelpAnalytics authorises itself).
 */
export function HelpSection({ d, k }: { d: Dashboard; k: ReportKit }) {
  const { t } = k;
  const filtered = d.filters.channel || d.filters.category || d.filters.teamId;
  return (
    <section aria-labelledby="help" className="grid gap-6" data-testid="help-section">
      <GroupHeading
        id="help"
        icon={<LifeBuoy />}
        title={t('reports.help.title')}
        description={t('reports.help.description')}
      />
      {filtered ? <Note className="-mt-3">{t('reports.help.unfiltered')}</Note> : null}
      <Suspense fallback={<HelpSkeleton k={k} />}>
        <HelpFigures d={d} k={k} />
      </Suspense>
    </section>
  );
}

async function HelpFigures({ d, k }: { d: Dashboard; k: ReportKit }) {
  const ctx = await getRequestContext();
  const a = await getHelpAnalytics({ ctx, input: { ...d.period, locale: k.locale } });
  if (!a.hasData)
    return (
      <Card className="break-inside-avoid" data-testid="help-empty">
        <SectionEmpty title={k.t('reports.help.empty')} hint={k.t('reports.help.emptyHint')} />
      </Card>
    );
  return (
    <>
      <HelpKpis a={a} k={k} />
      <div className="grid items-start gap-6 lg:grid-cols-5 print:grid-cols-5 print:gap-4">
        <TopArticles a={a} k={k} className="lg:col-span-3 print:col-span-3" />
        <NoResultQueries a={a} k={k} className="lg:col-span-2 print:col-span-2" />
      </div>
    </>
  );
}

function HelpKpis({ a, k }: { a: HelpAnalytics; k: ReportKit }) {
  const { t } = k;
  const noResultPercent = a.searches ? (a.noResultSearches / a.searches) * 100 : null;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <KpiCard
        testId="kpi-help-searches"
        className="break-inside-avoid"
        title={t('reports.help.searches')}
        value={k.count(a.searches)}
        description={
          <Lines
            lines={[
              t('reports.help.searchesNoResult', {
                count: k.count(a.noResultSearches),
                percent: rateText(k, noResultPercent),
              }),
              t('reports.help.searchesViews', { count: k.count(a.views) }),
            ]}
          />
        }
      />
      <KpiCard
        testId="kpi-help-helpful"
        className="break-inside-avoid"
        title={t('reports.help.helpful')}
        value={rateText(k, a.helpful.percent)}
        description={
          a.helpful.yes + a.helpful.no
            ? t('reports.help.helpfulDetail', { yes: k.count(a.helpful.yes), no: k.count(a.helpful.no) })
            : t('reports.help.noAnswers')
        }
      />
      <KpiCard
        testId="kpi-help-request-deflection"
        className="break-inside-avoid"
        title={t('reports.help.requestDeflection')}
        value={rateText(k, a.suggestions.deflectionPercent)}
        description={
          <Lines
            lines={[
              t('reports.help.requestShown', { count: k.count(a.suggestions.shown) }),
              t('reports.help.requestSubmitted', { count: k.count(a.suggestions.submitted) }),
              t('reports.help.requestOpened', { count: k.count(a.suggestions.opened) }),
            ]}
          />
        }
      />
      <KpiCard
        testId="kpi-help-view-deflection"
        className="break-inside-avoid"
        title={t('reports.help.viewDeflection')}
        value={rateText(k, a.viewDeflection.percent)}
        description={
          <>
            <Lines
              lines={[
                t('reports.help.viewViews', { count: k.count(a.viewDeflection.views) }),
                t('reports.help.viewDeflected', { count: k.count(a.viewDeflection.deflected) }),
              ]}
            />
            <p className="mt-2 text-xs">{t('reports.help.viewDeflectionHint')}</p>
          </>
        }
      />
    </div>
  );
}

/** A KPI's breakdown, one figure a line (joined with dots they wrap mid-phrase in narrow cards). */
function Lines({ lines }: { lines: string[] }) {
  return (
    <ul className="grid gap-0.5">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** A card whose content is a table running to its edges (or an empty state). */
function TableCard({
  title,
  description,
  testId,
  className,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={cn('min-w-0 break-inside-avoid gap-0 pb-0', className)} data-testid={testId}>
      <CardHeader className="border-b pb-4">
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      {children}
    </Card>
  );
}

const linkClass =
  'rounded-sm font-medium underline-offset-4 outline-none hover:text-primary hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50';

function TopArticles({ a, k, className }: { a: HelpAnalytics; k: ReportKit; className?: string }) {
  const { t } = k;
  return (
    <TableCard
      testId="help-top-articles"
      className={className}
      title={t('reports.help.topArticles')}
      description={t('reports.help.topArticlesDescription')}
    >
      {a.topArticles.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">{t('reports.help.article')}</TableHead>
              <TableHead className="text-right">{t('reports.help.views')}</TableHead>
              <TableHead className="hidden text-right sm:table-cell print:table-cell">
                {t('reports.help.yes')}
              </TableHead>
              <TableHead className="hidden text-right sm:table-cell print:table-cell">{t('reports.help.no')}</TableHead>
              <TableHead className="pr-6 text-right">{t('reports.help.ratio')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {a.topArticles.map((row) => (
              <TableRow key={row.articleId} data-testid="help-top-article" className="break-inside-avoid">
                <TableCell className="max-w-72 pl-6 whitespace-normal">
                  {row.published ? (
                    <Link href={`/help/${row.slug}`} className={linkClass}>
                      {row.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{row.title}</span>
                  )}
                  {row.published ? null : (
                    <Badge variant="secondary" className="ml-2">
                      {t('reports.help.archived')}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="text-right tabular-nums">{k.count(row.views)}</TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell print:table-cell">
                  {k.count(row.helpfulYes)}
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell print:table-cell">
                  {k.count(row.helpfulNo)}
                </TableCell>
                <TableCell className="pr-6 text-right tabular-nums">{rateText(k, row.helpfulPercent)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <div className="p-6">
          <SectionEmpty title={t('reports.help.noArticles')} />
        </div>
      )}
    </TableCard>
  );
}

function NoResultQueries({ a, k, className }: { a: HelpAnalytics; k: ReportKit; className?: string }) {
  const { t } = k;
  return (
    <TableCard
      testId="help-no-result"
      className={className}
      title={t('reports.help.noResult')}
      description={t('reports.help.noResultDescription')}
    >
      {a.noResultQueries.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">{t('reports.help.query')}</TableHead>
              <TableHead className="pr-6 text-right">{t('reports.help.times')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {a.noResultQueries.map((q) => (
              <TableRow key={q.query} data-testid="help-no-result-query" className="break-inside-avoid">
                <TableCell className="max-w-64 truncate pl-6">
                  <Link
                    href={`/help/search?${new URLSearchParams({ q: q.query })}`}
                    className={linkClass}
                    title={q.query}
                  >
                    {q.query}
                  </Link>
                </TableCell>
                <TableCell className="pr-6 text-right tabular-nums">{k.count(q.count)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <div className="p-6">
          <SectionEmpty title={t('reports.help.noNoResult')} />
        </div>
      )}
    </TableCard>
  );
}

function HelpSkeleton({ k }: { k: ReportKit }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-busy="true" aria-label={k.t('common.loading')}>
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} className="h-32 w-full rounded-xl" />
      ))}
    </div>
  );
}
