import { statementsSent } from '@/lib/health';

/**
 * How many statements this server process has sent: the benchmark reads it before and after a
 * series of requests (bench/http). It exists only when the server was started with
 * BENCH_COUNT_STATEMENTS=1; otherwise, as in every real deployment, it is a 404.
 */
export function GET() {
  const sent = statementsSent();
  if (sent === null) return new Response('Not found', { status: 404 });
  return Response.json({ statements: sent }, { headers: { 'Cache-Control': 'no-store' } });
}
