import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { loadCategories } from '@/lib/catalog/categories';
import { nameMap, nameOf } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';
import { listCategoryPolicies } from '@/lib/returns/policies';
import { EditPolicyDialog } from './_components/edit-policy-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('policies.title') };
}

export default async function PoliciesPage() {
  await requireAreaActor('access:admin:any');
  const [rows, categories] = await Promise.all([
    listCategoryPolicies({ ctx: await getRequestContext() }),
    loadCategories(),
  ]);
  const [t, locale] = [await getT(), await getLocale()];
  const names = nameMap(categories, locale);
  return (
    <>
      <PageHeader title={t('policies.title')} description={t('policies.description')} />
      <Card className="py-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('policies.category')}</TableHead>
              <TableHead className="text-right">{t('policies.products')}</TableHead>
              <TableHead className="text-right">{t('policies.noReasonDays')}</TableHead>
              <TableHead className="text-right">{t('policies.qualityReturnDays')}</TableHead>
              <TableHead className="text-right">{t('policies.qualityExchangeDays')}</TableHead>
              <TableHead className="text-right">{t('policies.priceProtectionDays')}</TableHead>
              <TableHead>{t('policies.allowedTypes')}</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow
                key={r.category}
                id={`policy-${r.category}`}
                data-testid={`policy-${r.category}`}
                className="scroll-mt-20 target:bg-accent/50"
              >
                <TableCell className="font-medium">
                  {nameOf(names, r.category)}
                  <span className="ml-2 font-mono text-xs text-muted-foreground">{r.category}</span>
                  {!r.configured ? (
                    <Badge variant="outline" className="ml-2">
                      {t('policies.default')}
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell className="text-right tabular-nums">{r.products}</TableCell>
                <TableCell className="text-right tabular-nums">{r.noReasonDays}</TableCell>
                <TableCell className="text-right tabular-nums">{r.qualityReturnDays}</TableCell>
                <TableCell className="text-right tabular-nums">{r.qualityExchangeDays}</TableCell>
                <TableCell className="text-right tabular-nums">{r.priceProtectionDays}</TableCell>
                <TableCell className="max-w-xs text-xs whitespace-normal text-muted-foreground">
                  {r.allowedTypes.map((x) => t(`cases.types.${x}`)).join('、')}
                </TableCell>
                <TableCell className="text-right">
                  <EditPolicyDialog key={r.version} policy={r} name={nameOf(names, r.category)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
