import { getRequestContext } from '@/lib/context/request';
import { csvDownload } from '@/lib/csv-download';
import { getT } from '@/lib/i18n/server';
import { exportCustomersCsv } from '@/lib/customers/export';

export const dynamic = 'force-dynamic';

/** GET with the customer list's query string → the matching customers (masked; docs/customers-csv.md), as a streamed CSV download. */
export async function GET(request: Request) {
  const ctx = await getRequestContext();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return csvDownload(exportCustomersCsv({ ctx, input: params }), { ctx, t: await getT(), name: 'customers' });
}
