import { getRequestContext } from '@/lib/context/request';
import { errorResponse } from '@/lib/http';
import { getT } from '@/lib/i18n/server';
import { csvLine } from '@/lib/orders/csv';
import { getImportReport } from '@/lib/orders/import';

export const dynamic = 'force-dynamic';

/** The rejected rows of an import as CSV: line, external id, field and the reason in the reader's language. */
export async function GET(_request: Request, { params }: RouteContext<'/api/orders/import/[jobId]/report'>) {
  const ctx = await getRequestContext();
  const t = await getT();
  try {
    const job = await getImportReport({ ctx, input: { jobId: (await params).jobId } });
    let body = '\uFEFF' + csvLine(['line', 'external_id', 'field', 'reason_code', 'reason']);
    for (const r of job.report) {
      body += csvLine([r.line, r.externalId, r.field, r.code, t.dynamic(`validation.${r.code}`, undefined, t.dynamic(`errors.${r.code}`, undefined, r.code))]);
    }
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="import-${job.id.slice(0, 8)}-rejected.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    return errorResponse(err, { t, requestId: ctx.requestId });
  }
}
