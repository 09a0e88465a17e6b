import { apiHandler } from '@/lib/api/handler';
import { setChannelOrderStatus } from '@/lib/orders/channel-api';

export const dynamic = 'force-dynamic';

/** Move an order to its next status (docs/api.md). */
export async function POST(request: Request, { params }: RouteContext<'/api/v1/orders/[orderNo]/status'>) {
  const { orderNo } = await params;
  return apiHandler(request, async (ctx, body) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const result = await setChannelOrderStatus({ ctx, input: { ...b, to: b.status, orderNo } });
    return { status: 200, body: result };
  });
}
