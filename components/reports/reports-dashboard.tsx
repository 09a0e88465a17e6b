import { AlertTriangle, RefreshCw } from 'lucide-react';
import { pickParams } from '@/components/data/search-params';
import { shopToday } from '@/lib/shop-calendar';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { listTaxonomy } from '@/lib/feedback/taxonomy';
import { getLocale, getT } from '@/lib/i18n/server';
import { requestNow } from '@/lib/time';
import { listTeams } from '@/lib/users/queries';
import { AfterSalesSection } from './after-sales-section';
import { DecisionsSection } from './decisions-section';
import { HelpSection } from './help-section';
import { loadDashboard, type ReportProblem } from '@/lib/analytics/report/load';
import { OrdersSection } from './orders-section';
import { reportKit, type ReportKit } from './parts';
import { AgentsSection, FeedbackSection } from './people-section';
import { ExportMenu, PrintButton } from './report-actions';
import { ReportControls } from './report-controls';
import { loadReportNames } from '@/lib/analytics/report/names';
import {
  drillLinks,
  REPORT_EXPORTS,
  REPORT_PARAM_KEYS,
  reportQuery,
  type ReportFilters,
} from '@/lib/analytics/report/params';

/**
 * Paper is white: on print the shell's navigation and header go, the content takes the full
 * width, a dark theme prints with the light palette (dark text, not light grey on white), and
 * bars keep their colours. Scoped to pages that render the dashboard.
 */
const PRINT_CSS = `
@media print {
  @page { margin: 12mm; }
  [data-area] { display: block !important; min-height: 0 !important; }
  [data-area] > aside, [data-area] header, [data-area] > a[href="#content"] { display: none !important; }
  #content { max-width: none !important; padding: 0 !important; }
  [data-report-root] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html.dark {
    color-scheme: light;
    --background: oklch(1 0 0); --foreground: oklch(0.21 0.02 262);
    --card: oklch(1 0 0); --card-foreground: oklch(0.21 0.02 262);
    --popover: oklch(1 0 0); --popover-foreground: oklch(0.21 0.02 262);
    --primary: oklch(0.52 0.17 256); --primary-foreground: oklch(0.985 0.002 247);
    --secondary: oklch(0.955 0.006 255); --secondary-foreground: oklch(0.28 0.03 262);
    --muted: oklch(0.955 0.006 255); --muted-foreground: oklch(0.52 0.02 260);
    --accent: oklch(0.94 0.015 255); --accent-foreground: oklch(0.28 0.03 262);
    --destructive: oklch(0.58 0.21 27); --success: oklch(0.6 0.14 155); --warning: oklch(0.75 0.15 75);
    --border: oklch(0.915 0.008 255); --input: oklch(0.88 0.01 255);
    --chart-1: oklch(0.55 0.17 256); --chart-2: oklch(0.65 0.14 170); --chart-3: oklch(0.72 0.15 75);
    --chart-4: oklch(0.6 0.2 330); --chart-5: oklch(0.6 0.19 27);
  }
}`;

/**
 * One line per field of the link that could not be used ("Channel: Choose one of the options"); for
 * the period only its first problem, since a malformed date also makes the range look inverted.
 */
function problemLines(k: ReportKit, problems: ReportProblem[]): string[] {
  const byLabel = new Map<string, string>();
  for (const p of problems) {
    const label =
      p.field === 'channel' || p.field === 'category'
        ? k.t(`reports.filters.${p.field}`)
        : p.field === 'teamId'
          ? k.t('reports.filters.team')
          : k.t('reports.filters.period');
    if (!byLabel.has(label))
      byLabel.set(label, k.t.dynamic(`validation.${p.code}`, undefined, k.t('validation.invalid')));
  }
  return [...byLabel].map(([label, message]) => `${label}: ${message}`);
}

/**
 * The supervisor dashboard, one implementation for /desk/reports (supervisors) and /admin/reports
 * (admins, who have no desk, so the drill-down links into desk lists are left out there). The
 * caller has checked the area; getDashboard authorises again on its own.
 */
export async function ReportsDashboard({
  basePath,
  searchParams,
  drillDown,
}: {
  basePath: string;
  searchParams: Record<string, string | string[] | undefined>;
  drillDown: boolean;
}) {
  const params = pickParams(searchParams, REPORT_PARAM_KEYS);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const today = shopToday(requestNow(), env().SHOP_TIMEZONE);
  const [teams, names, taxonomy] = await Promise.all([
    listTeams({ ctx }),
    loadReportNames(locale),
    listTaxonomy({ ctx }),
  ]);
  const { dashboard: d, problems } = await loadDashboard({ ctx, params, today, teamIds: teams.map((x) => x.id) });
  const filters: ReportFilters = { channel: d.filters.channel, category: d.filters.category, teamId: d.filters.teamId };
  const k = reportKit(t, locale, drillDown ? drillLinks(d.period, filters) : null, names);
  const exports = REPORT_EXPORTS.map((name) => ({
    name,
    label: t(`reports.export.items.${name}`),
    href: `/api/reports/${name}?${reportQuery(d.period, filters)}`,
  }));

  return (
    // relative + overflow-x-clip: the charts' screen-reader tables (table.sr-only, which tables do not clip)
    // would otherwise widen the page sideways on phones.
    <div data-report-root className="relative grid gap-0 overflow-x-clip">
      <style>{PRINT_CSS}</style>
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        actions={
          <div className="flex items-center gap-2 print:hidden">
            <ExportMenu items={exports} />
            <PrintButton />
          </div>
        }
      />
      <p
        className="-mt-4 mb-6 flex items-center gap-1.5 text-xs text-muted-foreground print:hidden"
        data-testid="freshness"
      >
        <RefreshCw aria-hidden="true" className="size-3.5" />
        {t('reports.freshness')}
      </p>
      <ReportControls
        k={k}
        basePath={basePath}
        period={d.period}
        previous={d.previous}
        filters={filters}
        today={today}
        channels={names.channelRows}
        categories={names.categoryRows}
        teams={teams}
      />
      {problems.length ? (
        <Alert variant="warning" className="mb-6 print:hidden" role="status" data-testid="report-problems">
          <AlertTriangle />
          <AlertTitle>{t('reports.problems.title')}</AlertTitle>
          <AlertDescription>
            <ul className="list-inside list-disc">
              {problemLines(k, problems).map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
            <p>{t('reports.problems.fallback')}</p>
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-8">
        <OrdersSection d={d} k={k} />
        <AfterSalesSection d={d} k={k} />
        <DecisionsSection d={d} k={k} />
        <AgentsSection d={d} k={k} />
        <FeedbackSection d={d} k={k} taxonomy={taxonomy} />
        <HelpSection d={d} k={k} />
      </div>
    </div>
  );
}
