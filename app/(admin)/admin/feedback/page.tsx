import type { Metadata } from 'next';
import { ListFilter, Tag, Tags } from 'lucide-react';
import { labelName } from '@/components/feedback/feedback-badges';
import { PageHeader } from '@/components/layout/app-shell';
import { Badge } from '@/components/ui/badge';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { getFeedbackSettings, listRules, listTaxonomy, type Label } from '@/lib/feedback/taxonomy';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Translate } from '@/lib/i18n/translate';
import type { LabelKind } from './actions';
import { LabelActions } from './_components/label-actions';
import { LabelDialog } from './_components/label-dialog';
import { RuleActions } from './_components/rule-actions';
import { RuleDialog, type LabelOption } from './_components/rule-dialog';
import { SurveySettingsForm } from './_components/survey-settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackAdmin.title') };
}

/** How many keywords a rule shows in the table before "+N more". */
const KEYWORDS_SHOWN = 8;

function StatusBadge({ active, t }: { active: boolean; t: Translate }) {
  return (
    <Badge variant={active ? 'success' : 'outline'}>
      {t(active ? 'feedbackAdmin.active' : 'feedbackAdmin.inactive')}
    </Badge>
  );
}

function LabelTable({ kind, labels, t }: { kind: LabelKind; labels: Label[]; t: Translate }) {
  const ns = kind === 'category' ? 'categories' : 'tags';
  return (
    <Card className="min-w-0 gap-0 pb-0" data-testid={`feedback-${ns}`}>
      <CardHeader className="border-b pb-4">
        <CardTitle>{t(`feedbackAdmin.${ns}.title`)}</CardTitle>
        <CardDescription>{t(`feedbackAdmin.${ns}.description`)}</CardDescription>
        <CardAction>
          <LabelDialog kind={kind} />
        </CardAction>
      </CardHeader>
      {labels.length === 0 ? (
        <div className="p-6">
          <EmptyState
            icon={kind === 'category' ? <Tags /> : <Tag />}
            title={t(`feedbackAdmin.${ns}.empty`)}
            description={t(`feedbackAdmin.${ns}.emptyHint`)}
            className="py-8"
          />
        </div>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">{t('feedbackAdmin.nameZh')}</TableHead>
              <TableHead>{t('feedbackAdmin.nameEn')}</TableHead>
              <TableHead>{t('feedbackAdmin.status')}</TableHead>
              <TableHead className="pr-6">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {labels.map((l) => (
              <TableRow
                key={l.id}
                data-testid={`${kind}-${l.nameEn}`}
                className={l.active ? undefined : 'text-muted-foreground'}
              >
                <TableCell className="pl-6 font-medium" lang="zh-CN">
                  {l.nameZh}
                </TableCell>
                <TableCell lang="en">{l.nameEn}</TableCell>
                <TableCell>
                  <StatusBadge active={l.active} t={t} />
                </TableCell>
                <TableCell className="pr-6 text-right whitespace-nowrap">
                  <LabelActions kind={kind} label={l} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

export default async function FeedbackAdminPage() {
  await requireAreaActor('access:admin:any');
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const [taxonomy, rules, settings] = await Promise.all([
    listTaxonomy({ ctx }),
    listRules({ ctx }),
    getFeedbackSettings({ ctx }),
  ]);
  const option = (l: Label): LabelOption => ({ id: l.id, name: labelName(l, locale), active: l.active });
  const categories = taxonomy.categories.map(option);
  const tags = taxonomy.tags.map(option);
  const categoryName = new Map(categories.map((c) => [c.id, c]));
  const tagName = new Map(tags.map((c) => [c.id, c]));
  const nextPosition = rules.length ? Math.min(9999, Math.max(...rules.map((r) => r.position)) + 10) : 10;
  const target = (o: LabelOption | undefined) =>
    o ? (
      <span className={o.active ? undefined : 'text-muted-foreground'}>
        {o.name}
        {o.active ? '' : ` ${t('feedbackAdmin.rules.inactiveSuffix')}`}
      </span>
    ) : (
      <span className="text-muted-foreground">—</span>
    );

  return (
    <>
      <PageHeader title={t('feedbackAdmin.title')} description={t('feedbackAdmin.description')} />
      <div className="grid gap-6">
        <div className="grid items-start gap-6 xl:grid-cols-2">
          <LabelTable kind="category" labels={taxonomy.categories} t={t} />
          <LabelTable kind="tag" labels={taxonomy.tags} t={t} />
        </div>

        <Card className="min-w-0 gap-0 pb-0" data-testid="feedback-rules">
          <CardHeader className="border-b pb-4">
            <CardTitle>{t('feedbackAdmin.rules.title')}</CardTitle>
            <CardDescription>{t('feedbackAdmin.rules.description')}</CardDescription>
            <CardAction>
              <RuleDialog categories={categories} tags={tags} nextPosition={nextPosition} />
            </CardAction>
          </CardHeader>
          <div className="border-b bg-muted/40 px-6 py-4 text-sm">
            <p className="mb-1.5 font-medium">{t('feedbackAdmin.rules.howTitle')}</p>
            <ol className="grid list-decimal gap-0.5 pl-5 text-muted-foreground">
              <li>{t('feedbackAdmin.rules.how1')}</li>
              <li>{t('feedbackAdmin.rules.how2')}</li>
              <li>{t('feedbackAdmin.rules.how3')}</li>
              <li>{t('feedbackAdmin.rules.how4')}</li>
            </ol>
          </div>
          {rules.length === 0 ? (
            <div className="p-6">
              <EmptyState
                icon={<ListFilter />}
                title={t('feedbackAdmin.rules.empty')}
                description={t('feedbackAdmin.rules.emptyHint')}
                className="py-8"
              />
            </div>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-20 pl-6 text-right">{t('feedbackAdmin.rules.position')}</TableHead>
                  <TableHead>{t('feedbackAdmin.rules.keywords')}</TableHead>
                  <TableHead>{t('feedbackAdmin.rules.category')}</TableHead>
                  <TableHead>{t('feedbackAdmin.rules.tag')}</TableHead>
                  <TableHead>{t('feedbackAdmin.status')}</TableHead>
                  <TableHead className="pr-6">
                    <span className="sr-only">{t('common.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rules.map((r) => (
                  <TableRow
                    key={r.id}
                    data-testid={`rule-${r.keywords[0]}`}
                    className={r.active ? undefined : 'text-muted-foreground'}
                  >
                    <TableCell className="pl-6 text-right tabular-nums">{r.position}</TableCell>
                    <TableCell className="max-w-md min-w-48 whitespace-normal">
                      <ul className="flex flex-wrap gap-1">
                        {r.keywords.slice(0, KEYWORDS_SHOWN).map((k) => (
                          <li key={k}>
                            <Badge variant="secondary" className="font-normal">
                              {k}
                            </Badge>
                          </li>
                        ))}
                        {r.keywords.length > KEYWORDS_SHOWN ? (
                          <li
                            className="text-xs text-muted-foreground"
                            title={r.keywords.slice(KEYWORDS_SHOWN).join(', ')}
                          >
                            {t('feedbackAdmin.rules.more', { count: r.keywords.length - KEYWORDS_SHOWN })}
                          </li>
                        ) : null}
                      </ul>
                    </TableCell>
                    <TableCell>{target(r.categoryId ? categoryName.get(r.categoryId) : undefined)}</TableCell>
                    <TableCell>{target(r.tagId ? tagName.get(r.tagId) : undefined)}</TableCell>
                    <TableCell>
                      <StatusBadge active={r.active} t={t} />
                    </TableCell>
                    <TableCell className="pr-6 text-right whitespace-nowrap">
                      <RuleActions rule={r} categories={categories} tags={tags} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>

        <Card data-testid="feedback-survey-settings">
          <CardHeader>
            <CardTitle>{t('feedbackAdmin.survey.title')}</CardTitle>
            <CardDescription>
              {t('feedbackAdmin.survey.description')}
              {settings.version > 1 ? (
                <span className="block text-xs">
                  {t('feedbackAdmin.survey.lastChanged', {
                    time: formatDateTime(settings.updatedAt, locale, env().SHOP_TIMEZONE),
                  })}
                </span>
              ) : null}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SurveySettingsForm
              key={settings.version}
              initial={{
                version: settings.version,
                csatEnabled: settings.csatEnabled,
                npsEnabled: settings.npsEnabled,
                npsDelayDays: settings.npsDelayDays,
                surveyValidDays: settings.surveyValidDays,
              }}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
