import type { Metadata } from 'next';
import Link from 'next/link';
import { Route } from 'lucide-react';
import { describeConditions } from '@/components/case-rules/describe';
import { ruleOptions } from '@/components/case-rules/options';
import { RulePreview } from '@/components/case-rules/rule-preview';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { listRoutingRules } from '@/lib/case-rules/queries';
import { loadCategories } from '@/lib/catalog/categories';
import { loadChannels } from '@/lib/catalog/channels';
import { nameMap } from '@/lib/catalog/names';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { getShopSettings } from '@/lib/shop/settings';
import { listTeams } from '@/lib/users/queries';
import { previewCaseRulesAction } from './actions';
import { RoutingRuleActions, RoutingRuleMove } from './_components/routing-rule-actions';
import { RoutingRuleDialog } from './_components/routing-rule-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('caseRules.routing.title') };
}

export default async function RoutingRulesPage() {
  await requireAreaActor('access:admin:any');
  const ctx = await getRequestContext();
  const [rules, teams, channels, categories, shop, t, locale] = await Promise.all([
    listRoutingRules({ ctx }),
    listTeams({ ctx }),
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
    teams: teams.map((team) => ({ value: team.id, label: team.name })),
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
        title={t('caseRules.routing.title')}
        description={t('caseRules.routing.description')}
        actions={<RoutingRuleDialog options={options} />}
      />
      <div className="grid gap-6">
        <p className="text-sm text-muted-foreground">
          {t('caseRules.routing.fallback')}{' '}
          <Link href="/admin/teams" className="font-medium text-primary underline-offset-4 hover:underline">
            {t('caseRules.routing.teamsLink')}
          </Link>
        </p>
        {rules.length === 0 ? (
          <EmptyState
            icon={<Route />}
            title={t('caseRules.routing.empty')}
            description={teams.length ? t('caseRules.routing.emptyHint') : t('caseRules.routing.noTeams')}
          />
        ) : (
          <Card className="py-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-28">{t('caseRules.table.order')}</TableHead>
                  <TableHead>{t('caseRules.table.conditions')}</TableHead>
                  <TableHead>{t('caseRules.table.team')}</TableHead>
                  <TableHead>{t('caseRules.table.status')}</TableHead>
                  <TableHead className="w-64">
                    <span className="sr-only">{t('common.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rules.map((r) => (
                  <TableRow
                    key={r.id}
                    data-testid={`routing-rule-${r.rank}`}
                    className={r.enabled ? undefined : 'text-muted-foreground'}
                  >
                    <TableCell className="whitespace-nowrap">
                      <span className="inline-block w-6 text-right tabular-nums">{r.rank}</span>
                      <RoutingRuleMove rule={r} count={rules.length} />
                    </TableCell>
                    <TableCell className="max-w-md whitespace-normal">
                      <ul className="grid gap-0.5 text-sm">
                        {describeConditions(r.conditions, names).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell className="font-medium">{r.teamName}</TableCell>
                    <TableCell>
                      <Badge variant={r.enabled ? 'success' : 'outline'}>
                        {r.enabled ? t('caseRules.table.enabled') : t('caseRules.table.disabled')}
                      </Badge>
                    </TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <RoutingRuleActions rule={r} options={options} />
                    </TableCell>
                  </TableRow>
                ))}
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
