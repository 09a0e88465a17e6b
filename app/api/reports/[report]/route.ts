import { reportCsv } from '@/lib/analytics/report/csv';
import { loadReportNames } from '@/lib/analytics/report/names';
import { isReportExport, REPORT_PARAM_KEYS } from '@/lib/analytics/report/params';
import { getDashboard, getRepeatCustomers } from '@/lib/analytics/dashboard';
import { can } from '@/lib/authz';
import { getRequestContext } from '@/lib/context/request';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { getLocale, getT } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/**
 * GET /api/reports/<report>?from=&to=[&channel=&category=&teamId=] → that report of the dashboard
 * as a CSV download. Unlike the page, a bad period is not replaced by a default: a download must
 * contain what was asked for, so it is refused (400) with the field messages.
 */
export async function GET(request: Request, { params }: RouteContext<'/api/reports/[report]'>) {
  const ctx = await getRequestContext();
  const t = await getT();
  const { report } = await params;
  // Who may ask comes first, so the list of report names is no more public than the reports.
  if (!ctx.actor) return errorResponse(new UnauthenticatedError(), { t, requestId: ctx.requestId });
  if (!can(ctx.actor, 'read:report:any'))
    return errorResponse(new ForbiddenError('read:report:any'), { t, requestId: ctx.requestId });
  if (!isReportExport(report)) return errorResponse(new NotFoundError('report'), { t, requestId: ctx.requestId });

  const search = new URL(request.url).searchParams;
  const input = Object.fromEntries(REPORT_PARAM_KEYS.map((k) => [k, search.get(k) ?? undefined]));
  let body: string;
  let period: { from: string; to: string };
  try {
    const dashboard = await getDashboard({ ctx, input });
    const repeatCustomers = report === 'repeat-customers' ? await getRepeatCustomers({ ctx, input }) : undefined;
    body = reportCsv(report, { ...dashboard, repeatCustomers }, t, await loadReportNames(await getLocale()));
    period = dashboard.period;
  } catch (err) {
    const res = errorResponse(err, { t, requestId: ctx.requestId });
    // Bad query parameters are the caller's request being malformed: 400 rather than the 422 of a form.
    return err instanceof ValidationError ? new Response(res.body, { status: 400, headers: res.headers }) : res;
  }
  return new Response(`\uFEFF${body}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="reports-${report}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
