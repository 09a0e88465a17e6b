import { apiHandler } from '@/lib/api/handler';
import { upsertProductBySku } from '@/lib/catalog/products';

export const dynamic = 'force-dynamic';

/** Create a product, or update it when its SKU is known (docs/api.md). */
export async function POST(request: Request) {
  return apiHandler(request, async (ctx, body) => {
    const result = await upsertProductBySku({ ctx, input: body });
    return { status: result.created ? 201 : 200, body: result };
  });
}
