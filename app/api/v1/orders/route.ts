import { apiHandler } from '@/lib/api/handler';
import { upsertChannelOrder } from '@/lib/orders/channel-api';

export const dynamic = 'force-dynamic';

/** Create an order, or update it when channel + externalId is known (docs/api.md). */
export async function POST(request: Request) {
  return apiHandler(request, async (ctx, body) => {
    const result = await upsertChannelOrder({ ctx, input: body });
    return { status: result.created ? 201 : 200, body: result };
  });
}
