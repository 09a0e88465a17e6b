import { getRequestContext } from '@/lib/context/request';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import { getImportJob, reportCsv } from '@/lib/imports/report';

export const dynamic = 'force-dynamic';

/** The rejected rows of any import as CSV: line, reference, CSV column and the reason in the reader's language. */
export async function GET(_request: Request, { params }: RouteContext<'/api/imports/jobs/[jobId]/report'>) {
  const ctx = await getRequestContext();
  const t = await getT();
  try {
    const job = await getImportJob({ ctx, input: { jobId: (await params).jobId } });
    return new Response(reportCsv(t, job.report), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${job.kind}-import-${job.id.slice(0, 8)}-rejected.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
}
