import type { Metadata } from 'next';
import { PRIORITIES } from '@/lib/cases/priority';
import { Inbox, Search } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams, setParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { CASE_DRILL_KEYS, CaseDrillChips } from '@/components/reports/drill-chips';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { requireAreaActor } from '@/lib/auth/guard';
import { formatSpan } from '@/lib/cases/due';
import type { CaseListItemDto } from '@/lib/cases/dto';
import { COUNT_CAP, countQueues, listAssignees, listCases, QUEUES } from '@/lib/cases/queries';
import { CASE_STATUSES, CASE_TYPES } from '@/lib/cases/workflow';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';
import { requestNow } from '@/lib/time';
import { cn } from '@/lib/utils';
import { QueueTable } from './_components/queue-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('caseDesk.title') };
}

// The last ones are a report's drill-down (opened in a period, by reason, channel, product, category, team).
const KEYS = ['queue', 'status', 'type', 'priority', 'q', 'sort', 'cursor', ...CASE_DRILL_KEYS] as const;

export default async function CasesPage({ searchParams }: PageProps<'/desk/cases'>) {
  const actor = await requireAreaActor('access:desk:any');
  const params = pickParams(await searchParams, KEYS);
  const queue = (QUEUES as readonly string[]).includes(params.queue ?? '') ? params.queue! : 'all';
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  let page: Page<CaseListItemDto> = { items: [], nextCursor: null };
  try {
    page = await listCases({ ctx, input: { ...params, queue } });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
  }
  const [counts, staff] = await Promise.all([countQueues({ ctx }), listAssignees({ ctx })]);
  const now = requestNow();
  const tabHref = (q: string) =>
    `/desk/cases?${new URLSearchParams({ ...setParams(params, ['cursor', 'queue']), queue: q })}`;

  return (
    <>
      <PageHeader
        title={t('caseDesk.title')}
        description={t('caseDesk.description')}
        actions={<LiveRefresh topics={['cases']} />}
      />
      <nav className="mb-4 flex flex-wrap gap-1 border-b" aria-label={t('caseDesk.title')}>
        {QUEUES.map((q) => (
          <Link
            key={q}
            href={tabHref(q)}
            aria-current={q === queue ? 'page' : undefined}
            className={cn(
              '-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground',
              q === queue && 'border-primary text-foreground',
              q !== queue && 'border-transparent',
            )}
            data-testid={`queue-${q}`}
          >
            {t(`caseDesk.queues.${q}`)}
            <span
              className={cn(
                'rounded-full bg-muted px-1.5 text-xs tabular-nums',
                q === 'breached' && counts.breached > 0 && 'bg-destructive/15 text-destructive',
              )}
            >
              {counts[q] > COUNT_CAP ? `${COUNT_CAP}+` : counts[q]}
            </span>
          </Link>
        ))}
      </nav>
      <form method="get" className="mb-4 flex flex-wrap gap-2" role="search">
        <input type="hidden" name="queue" value={queue} />
        {/* Searching within a drill-down keeps it; its chips below remove it. */}
        {CASE_DRILL_KEYS.map((k) => (params[k] ? <input key={k} type="hidden" name={k} value={params[k]} /> : null))}
        <div className="relative min-w-56 flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            name="q"
            defaultValue={params.q}
            placeholder={t('caseDesk.searchPlaceholder')}
            aria-label={t('caseDesk.searchPlaceholder')}
            className="pl-9"
            maxLength={60}
          />
        </div>
        <NativeSelect
          name="type"
          defaultValue={params.type ?? ''}
          aria-label={t('caseDesk.columns.type')}
          containerClassName="w-36"
        >
          <option value="">{t('caseDesk.anyType')}</option>
          {CASE_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`cases.types.${x}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          name="status"
          defaultValue={params.status ?? ''}
          aria-label={t('caseDesk.columns.status')}
          containerClassName="w-40"
        >
          <option value="">{t('caseDesk.anyStatus')}</option>
          {CASE_STATUSES.map((x) => (
            <option key={x} value={x}>
              {t(`cases.status.${x}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          name="priority"
          defaultValue={params.priority ?? ''}
          aria-label={t('caseDesk.columns.priority')}
          containerClassName="w-32"
        >
          <option value="">{t('caseDesk.anyPriority')}</option>
          {PRIORITIES.map((x) => (
            <option key={x} value={x}>
              {t(`caseDesk.priority.${x}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          name="sort"
          defaultValue={params.sort ?? 'newest'}
          aria-label={t('caseDesk.sort.label')}
          containerClassName="w-40"
        >
          {(['newest', 'oldest', 'due'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`caseDesk.sort.${x}`)}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" variant="secondary">
          {t('common.apply')}
        </Button>
      </form>
      <CaseDrillChips ctx={ctx} basePath="/desk/cases" params={{ ...params, queue }} />
      {page.items.length === 0 ? (
        <EmptyState icon={<Inbox />} title={t('caseDesk.empty')} description={t('caseDesk.emptyHint')} />
      ) : (
        <QueueTable
          me={actor.userId}
          staff={staff}
          rows={page.items.map((c) => {
            const left = c.dueAt ? new Date(c.dueAt).getTime() - now : null;
            return {
              ...c,
              overdue: left !== null && left < 0,
              dueLabel:
                left === null
                  ? '—'
                  : left < 0
                    ? t('caseDesk.due.overdue', { time: formatSpan(left, locale) })
                    : t('caseDesk.due.in', { time: formatSpan(left, locale) }),
              createdLabel: formatDateTime(c.createdAt, locale, tz),
            };
          })}
        />
      )}
      <KeysetPager
        basePath="/desk/cases"
        params={{ ...params, queue }}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
