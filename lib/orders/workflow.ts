/**
 * The order lifecycle as pure functions. Agents (and sales channels through the API) move an order
 * forward; refunds are set only by the after-sales module ("system").
 *
 *   pending_payment → paid → shipped → delivered → completed
 *   pending_payment → cancelled | closed (payment timed out)
 *   paid → cancelled (before shipping)
 *   paid | shipped | delivered | completed | partially_refunded → partially_refunded | refunded   (system only)
 */
export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'closed',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type TransitionActor = 'agent' | 'system';

const MANUAL: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled', 'closed'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  closed: [],
  partially_refunded: [],
  refunded: [],
};

const REFUNDABLE: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed', 'partially_refunded'];

export function allowedTransitions(from: OrderStatus, by: TransitionActor = 'agent'): OrderStatus[] {
  const manual = [...MANUAL[from]];
  if (by === 'system' && REFUNDABLE.includes(from)) manual.push('partially_refunded', 'refunded');
  return manual;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'same_status' | 'illegal_transition' | 'refund_only_by_after_sales' | 'tracking_required' };

export function checkTransition(
  from: OrderStatus,
  to: OrderStatus,
  by: TransitionActor,
  details: { trackingNo?: string | null } = {},
): TransitionCheck {
  if (from === to) return { ok: false, code: 'same_status' };
  if (by === 'agent' && (to === 'refunded' || to === 'partially_refunded'))
    return { ok: false, code: 'refund_only_by_after_sales' };
  if (!allowedTransitions(from, by).includes(to)) return { ok: false, code: 'illegal_transition' };
  if (to === 'shipped' && !details.trackingNo?.trim()) return { ok: false, code: 'tracking_required' };
  return { ok: true };
}

/** The timestamp column that records when an order reached a status. */
export function timestampFor(
  to: OrderStatus,
): 'paidAt' | 'shippedAt' | 'deliveredAt' | 'completedAt' | 'cancelledAt' | null {
  switch (to) {
    case 'paid':
      return 'paidAt';
    case 'shipped':
      return 'shippedAt';
    case 'delivered':
      return 'deliveredAt';
    case 'completed':
      return 'completedAt';
    case 'cancelled':
    case 'closed':
      return 'cancelledAt';
    default:
      return null;
  }
}

/** Statuses in which the items and amounts may still be edited (nothing paid yet). */
export function itemsEditable(status: OrderStatus): boolean {
  return status === 'pending_payment';
}

/** Finished orders: no further manual step. */
export function isTerminal(status: OrderStatus): boolean {
  return allowedTransitions(status, 'system').length === 0;
}
