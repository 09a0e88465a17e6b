import { apiHandler } from '@/lib/api/handler';
import { getProduct } from '@/lib/catalog/products';

export const dynamic = 'force-dynamic';

/** One product by SKU, with the number of order lines that reference it (docs/api.md). */
export async function GET(request: Request, { params }: RouteContext<'/api/v1/products/[sku]'>) {
  const { sku } = await params;
  return apiHandler(request, async (ctx) => ({
    status: 200,
    body: await getProduct({ ctx, input: { sku: safeDecode(sku) } }),
  }));
}

/** A SKU never needs escaping; a malformed escape simply names no product (404). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
