import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { getT } from '@/lib/i18n/server';
import { listCategoryPolicies } from '@/lib/returns/policies';
import { EditPolicyDialog } from './_components/edit-policy-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('policies.title') };
}

export default async function PoliciesPage() {
  await requireAreaActor('access:admin:any');
  const rows = await listCategoryPolicies({ ctx: await getRequestContext() });
  const t = await getT();
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
              <TableHead>{t('policies.allowedTypes')}</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.category} data-testid={`policy-${r.category}`}>
                <TableCell className="font-medium">
                  {r.category}
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
                <TableCell className="max-w-xs text-xs whitespace-normal text-muted-foreground">{r.allowedTypes.map((x) => t(`cases.types.${x}`)).join('、')}</TableCell>
                <TableCell className="text-right">
                  <EditPolicyDialog key={r.version} policy={r} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
