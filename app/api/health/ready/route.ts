import { readiness } from '@/lib/health';

/**
 * Readiness: the database answers and every migration of this build is applied. 503 otherwise,
 * with `reason` (database_unreachable, database_timeout, migrations_pending …) and Retry-After.
 * Answers within DATABASE_CONNECT_TIMEOUT_SECONDS even when the database hangs.
 */
export async function GET() {
  const report = await readiness();
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (report.retryAfterSeconds) headers['Retry-After'] = String(report.retryAfterSeconds);
  return Response.json(report, { status: report.status === 'ready' ? 200 : 503, headers });
}
