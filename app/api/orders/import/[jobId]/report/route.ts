import { GET as report } from '@/app/api/imports/jobs/[jobId]/report/route';

export const dynamic = 'force-dynamic';

/** Kept for existing links: the same as GET /api/imports/jobs/<id>/report. */
export async function GET(request: Request, { params }: RouteContext<'/api/orders/import/[jobId]/report'>) {
  return report(request, { params });
}
