import { POST as importKind } from '@/app/api/imports/[kind]/route';

export const dynamic = 'force-dynamic';

/** The order import's first address, kept for existing clients: the same as POST /api/imports/orders. */
export async function POST(request: Request) {
  return importKind(request, { params: Promise.resolve({ kind: 'orders' }) });
}
