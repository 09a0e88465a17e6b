import type { Metadata } from 'next';
import { Download, FileUp } from 'lucide-react';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/app-shell';
import { ImportPanel } from '@/components/imports/import-panel';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { IMPORT_FORMATS } from '@/lib/imports/formats';
import { importableKinds, listImportJobs } from '@/lib/imports/jobs';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('imports.title') };
}

/**
 * Where a shop moves in: its catalogue, customers, order history and reviews, in that order (each
 * file refers to what the one before brought in). One card per kind of file the user may import,
 * then the latest imports with their counts and rejected-row reports.
 */
export default async function ImportsPage() {
  await requireAreaActor('access:desk:any');
  const ctx = await getRequestContext();
  const kinds = importableKinds(ctx);
  if (!kinds.length) notFound();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  const jobs = await listImportJobs({ ctx });
  const orderOptions = [
    { name: 'history', label: t('imports.orders.history'), hint: t('imports.orders.historyHint') },
    { name: 'createProducts', label: t('imports.orders.createProducts'), hint: t('imports.orders.createProductsHint') },
  ];

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <ol className="grid gap-4 lg:grid-cols-2">
        {kinds.map((kind, i) => (
          <li key={kind}>
            <Card className="h-full">
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  <span
                    className="flex size-6 items-center justify-center rounded-full bg-primary/10 text-xs font-semibold text-primary"
                    aria-hidden="true"
                  >
                    {i + 1}
                  </span>
                  {t(`imports.${kind}.title`)}
                </CardTitle>
                <CardDescription>{t(`imports.${kind}.description`)}</CardDescription>
              </CardHeader>
              <CardContent>
                <ImportPanel
                  kind={kind}
                  columns={IMPORT_FORMATS[kind].columns}
                  required={IMPORT_FORMATS[kind].required}
                  options={kind === 'orders' ? orderOptions : []}
                />
              </CardContent>
            </Card>
          </li>
        ))}
      </ol>

      <section className="mt-8" aria-labelledby="recent-imports">
        <h2 id="recent-imports" className="mb-3 text-lg font-semibold">
          {t('imports.recent.title')}
        </h2>
        {jobs.length ? (
          <Card className="py-0">
            <Table data-testid="import-jobs">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t('imports.recent.when')}</TableHead>
                  <TableHead>{t('imports.recent.kind')}</TableHead>
                  <TableHead>{t('imports.recent.file')}</TableHead>
                  <TableHead>{t('imports.recent.by')}</TableHead>
                  <TableHead className="text-right">{t('imports.counts.rows')}</TableHead>
                  <TableHead className="text-right">{t('imports.counts.imported')}</TableHead>
                  <TableHead className="text-right">{t('imports.counts.skipped')}</TableHead>
                  <TableHead className="text-right">{t('imports.counts.rejected')}</TableHead>
                  <TableHead className="pr-6">
                    <span className="sr-only">{t('imports.recent.report')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {jobs.map((j) => (
                  <TableRow key={j.id}>
                    <TableCell className="pl-6 whitespace-nowrap">{formatDateTime(j.createdAt, locale, tz)}</TableCell>
                    <TableCell>
                      <span className="flex flex-wrap items-center gap-1">
                        {t(`imports.${j.kind}.title`)}
                        {j.options.history ? (
                          <Badge variant="secondary">{t('imports.recent.historyMode')}</Badge>
                        ) : null}
                      </span>
                    </TableCell>
                    <TableCell className="max-w-48 truncate" title={j.fileName}>
                      {j.fileName}
                    </TableCell>
                    <TableCell>{j.by ?? '—'}</TableCell>
                    <TableCell className="text-right tabular-nums">{j.totalRows}</TableCell>
                    <TableCell className="text-right tabular-nums">{j.imported}</TableCell>
                    <TableCell className="text-right tabular-nums">{j.skipped}</TableCell>
                    <TableCell className="text-right tabular-nums">{j.rejected}</TableCell>
                    <TableCell className="pr-6 text-right">
                      {j.rejected > 0 ? (
                        <Button variant="ghost" size="sm" asChild>
                          <a href={`/api/imports/jobs/${j.id}/report`}>
                            <Download />
                            {t('imports.recent.report')}
                          </a>
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
        ) : (
          <EmptyState icon={<FileUp />} title={t('imports.recent.empty')} description={t('imports.recent.emptyHint')} />
        )}
      </section>
    </>
  );
}
