/** Liveness: the process is up and serving. Never touches the database. */
export function GET() {
  return Response.json({ status: 'ok', time: new Date().toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
}
