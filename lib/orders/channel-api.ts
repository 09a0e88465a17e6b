import 'server-only';
import { and, eq } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { transaction } from '@/db/tx';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { insertOrder, transitionOrder } from './mutations';
import { ChangeOrderStatusInput, CreateOrderInput } from './schemas';
import type { OrderStatus } from './workflow';

const FORWARD: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed'];

/** The steps from one status to a later one along the normal path (a channel may skip reporting some). */
export function pathTo(from: OrderStatus, to: OrderStatus): OrderStatus[] {
  if (from === to) return [];
  const a = FORWARD.indexOf(from);
  const b = FORWARD.indexOf(to);
  if (a >= 0 && b > a) return FORWARD.slice(a + 1, b + 1);
  return [to];
}

export type UpsertResult = { orderNo: string; status: OrderStatus; version: number; created: boolean };

/**
 * Channel API: create an order, or — when the channel sends an order it sent before (same channel
 * and external id) — bring it up to date: move its status forward and record the tracking number.
 * Sending the same payload twice is harmless.
 */
export async function upsertChannelOrder({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<UpsertResult> {
  authorize(ctx.actor, 'create:order:any');
  const data = parseInput(CreateOrderInput, input);
  if (!data.externalId) throw new ValidationError({ externalId: ['required'] });
  return transaction(async (tx) => {
    const [existing] = await tx
      .select({ orderNo: orders.orderNo, status: orders.status, version: orders.version })
      .from(orders)
      .where(and(eq(orders.channel, data.channel), eq(orders.externalId, data.externalId!)))
      .limit(1);
    if (!existing) {
      const { orderNo } = await insertOrder(tx, ctx, data);
      return { orderNo, status: data.status, version: 1, created: true };
    }
    let state = { status: existing.status as OrderStatus, version: existing.version };
    for (const step of pathTo(state.status, data.status)) {
      state = await transitionOrder(tx, ctx, {
        orderNo: existing.orderNo,
        to: step,
        carrier: data.carrier,
        trackingNo: data.trackingNo,
      });
    }
    return { orderNo: existing.orderNo, ...state, created: false };
  });
}

/** Channel API: one status step, optionally guarded by the version the channel last saw. */
export async function setChannelOrderStatus({ ctx, input }: { ctx: Ctx; input: unknown }) {
  authorize(ctx.actor, 'update:order:any');
  const data = parseInput(ChangeOrderStatusInput.partial({ version: true }), input);
  const result = await transaction((tx) => transitionOrder(tx, ctx, data));
  return { orderNo: data.orderNo.toUpperCase(), ...result };
}
