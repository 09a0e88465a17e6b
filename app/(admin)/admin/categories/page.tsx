import { numberFormat } from '@/lib/intl';
import type { Metadata } from 'next';
import { Tags } from 'lucide-react';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { listCategories } from '@/lib/catalog/categories';
import { catalogName } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { CategoryActions, NewCategoryDialog } from './_components/category-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('categoryAdmin.title') };
}

export default async function CategoriesPage() {
  await requireAreaActor('access:admin:any');
  const rows = await listCategories({ ctx: await getRequestContext() });
  const [t, locale] = [await getT(), await getLocale()];
  const count = numberFormat(locale);
  return (
    <>
      <PageHeader
        title={t('categoryAdmin.title')}
        description={t('categoryAdmin.description')}
        actions={<NewCategoryDialog />}
      />
      {rows.length === 0 ? (
        <EmptyState icon={<Tags />} title={t('categoryAdmin.empty')} description={t('categoryAdmin.emptyHint')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-20 text-right">{t('catalogRecords.position')}</TableHead>
                <TableHead>{t('catalogRecords.code')}</TableHead>
                <TableHead>{t('catalogRecords.nameZh')}</TableHead>
                <TableHead>{t('catalogRecords.nameEn')}</TableHead>
                <TableHead>{t('catalogRecords.status')}</TableHead>
                <TableHead className="text-right">{t('categoryAdmin.products')}</TableHead>
                <TableHead>{t('categoryAdmin.policy')}</TableHead>
                <TableHead className="w-56">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => {
                const name = catalogName(r, locale);
                return (
                  <TableRow
                    key={r.code}
                    data-testid={`category-${r.code}`}
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
                    <TableCell className="text-right tabular-nums">{count.format(r.products)}</TableCell>
                    <TableCell>
                      <Link
                        href={`/admin/policies#policy-${r.code}`}
                        // The name holds the text shown (label in name), with the category it is for.
                        aria-label={t('categoryAdmin.policyLink', {
                          name,
                          policy: t(r.customPolicy ? 'categoryAdmin.customPolicy' : 'categoryAdmin.defaultPolicy'),
                        })}
                        className="rounded-md text-sm underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                        data-testid={`policy-link-${r.code}`}
                      >
                        {r.customPolicy ? (
                          <Badge variant="secondary">{t('categoryAdmin.customPolicy')}</Badge>
                        ) : (
                          <span className="text-muted-foreground">{t('categoryAdmin.defaultPolicy')}</span>
                        )}
                      </Link>
                    </TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <CategoryActions record={r} name={name} products={count.format(r.products)} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
