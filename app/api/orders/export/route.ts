import { getRequestContext } from '@/lib/context/request';
import { csvDownload } from '@/lib/csv-download';
import { getT } from '@/lib/i18n/server';
import { exportOrdersCsv } from '@/lib/orders/export';

export const dynamic = 'force-dynamic';

/** GET with the order list's query string → the matching orders (docs/orders-csv.md), as a streamed CSV download. */
export async function GET(request: Request) {
  const ctx = await getRequestContext();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return csvDownload(exportOrdersCsv({ ctx, input: params }), { ctx, t: await getT(), name: 'orders' });
}
