import type { Metadata } from 'next';
import { ListOrdered } from 'lucide-react';
import { PriorityBadge } from '@/components/cases/case-badges';
import { describeConditions } from '@/components/case-rules/describe';
import { ruleOptions } from '@/components/case-rules/options';
import { RulePreview } from '@/components/case-rules/rule-preview';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { listPriorityRules } from '@/lib/case-rules/queries';
import { loadCategories } from '@/lib/catalog/categories';
import { loadChannels } from '@/lib/catalog/channels';
import { catalogName, nameMap } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { getShopSettings } from '@/lib/shop/settings';
import { previewCaseRulesAction } from './actions';
import { DefaultPriorityForm } from './_components/default-priority-form';
import { PriorityRuleActions, PriorityRuleMove } from './_components/priority-rule-actions';
import { PriorityRuleDialog } from './_components/priority-rule-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('caseRules.priority.title') };
}

export default async function PriorityRulesPage() {
  await requireAreaActor('access:admin:any');
  const ctx = await getRequestContext();
  const [{ rules, defaultPriority }, channels, categories, shop, t, locale] = await Promise.all([
    listPriorityRules({ ctx }),
    loadChannels(),
    loadCategories(),
    getShopSettings(),
    getT(),
    getLocale(),
  ]);
  const inactive = t('caseRules.inactiveSuffix');
  const options = {
    channels: ruleOptions(channels, new Set(rules.flatMap((r) => r.conditions.channels ?? [])), locale, inactive),
    categories: ruleOptions(categories, new Set(rules.flatMap((r) => r.conditions.categories ?? [])), locale, inactive),
    currency: shop.currency,
  };
  const names = {
    t,
    locale,
    currency: shop.currency,
    channels: nameMap(channels, locale),
    categories: nameMap(categories, locale),
  };
  return (
    <>
      <PageHeader
        title={t('caseRules.priority.title')}
        description={t('caseRules.priority.description')}
        actions={<PriorityRuleDialog options={options} />}
      />
      <div className="grid gap-6">
        <Card className="py-4">
          <CardContent>
            <DefaultPriorityForm
              key={defaultPriority.version}
              priority={defaultPriority.priority}
              version={defaultPriority.version}
            />
          </CardContent>
        </Card>
        {rules.length === 0 ? (
          <EmptyState
            icon={<ListOrdered />}
            title={t('caseRules.priority.empty')}
            description={t('caseRules.priority.emptyHint')}
          />
        ) : (
          <Card className="py-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-28">{t('caseRules.table.order')}</TableHead>
                  <TableHead>{t('caseRules.table.name')}</TableHead>
                  <TableHead>{t('caseRules.table.conditions')}</TableHead>
                  <TableHead>{t('caseRules.table.priority')}</TableHead>
                  <TableHead>{t('caseRules.table.status')}</TableHead>
                  <TableHead className="w-64">
                    <span className="sr-only">{t('common.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rules.map((r) => {
                  const name = catalogName(r, locale);
                  return (
                    <TableRow
                      key={r.id}
                      data-testid={`priority-rule-${r.rank}`}
                      className={r.enabled ? undefined : 'text-muted-foreground'}
                    >
                      <TableCell className="whitespace-nowrap">
                        <span className="inline-block w-6 text-right tabular-nums">{r.rank}</span>
                        <PriorityRuleMove rule={r} name={name} count={rules.length} />
                      </TableCell>
                      <TableCell className="font-medium whitespace-normal">{name}</TableCell>
                      <TableCell className="max-w-md whitespace-normal">
                        <ul className="grid gap-0.5 text-sm">
                          {describeConditions(r.conditions, names).map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      </TableCell>
                      <TableCell>
                        <PriorityBadge
                          priority={r.priority}
                          label={t.dynamic(`caseDesk.priority.${r.priority}`, undefined, r.priority)}
                        />
                      </TableCell>
                      <TableCell>
                        <Badge variant={r.enabled ? 'success' : 'outline'}>
                          {r.enabled ? t('caseRules.table.enabled') : t('caseRules.table.disabled')}
                        </Badge>
                      </TableCell>
                      <TableCell className="text-right whitespace-nowrap">
                        <PriorityRuleActions rule={r} name={name} options={options} />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Card>
        )}
        <RulePreview
          onPreview={previewCaseRulesAction}
          channels={options.channels}
          categories={options.categories}
          currency={shop.currency}
        />
      </div>
    </>
  );
}
