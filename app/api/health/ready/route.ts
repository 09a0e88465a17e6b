import { readiness } from '@/lib/health';

/** Readiness: the database answers and every migration of this build is applied. 503 otherwise. */
export async function GET() {
  const report = await readiness();
  return Response.json(report, { status: report.status === 'ready' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
