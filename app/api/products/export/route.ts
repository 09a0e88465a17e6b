import { getRequestContext } from '@/lib/context/request';
import { csvDownload } from '@/lib/csv-download';
import { getT } from '@/lib/i18n/server';
import { exportProductsCsv } from '@/lib/catalog/export-products';

export const dynamic = 'force-dynamic';

/** GET with the product list's query string → the matching products (docs/products-csv.md), as a streamed CSV download. */
export async function GET(request: Request) {
  const ctx = await getRequestContext();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return csvDownload(exportProductsCsv({ ctx, input: params }), { ctx, t: await getT(), name: 'products' });
}
