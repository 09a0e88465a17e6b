import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  isTerminal,
  itemsEditable,
  ORDER_STATUSES,
  timestampFor,
  type OrderStatus,
} from './workflow';

const legalByAgent: [OrderStatus, OrderStatus][] = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['pending_payment', 'closed'],
  ['paid', 'shipped'],
  ['paid', 'cancelled'],
  ['shipped', 'delivered'],
  ['delivered', 'completed'],
];

describe('order lifecycle', () => {
  it('allows exactly the documented agent transitions, and refuses every other pair', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const expected = legalByAgent.some(([f, t]) => f === from && t === to);
        const result = checkTransition(from, to, 'agent', { trackingNo: 'SF123' });
        expect(result.ok, `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('explains why a transition is refused', () => {
    expect(checkTransition('paid', 'paid', 'agent')).toEqual({ ok: false, code: 'same_status' });
    expect(checkTransition('delivered', 'paid', 'agent')).toEqual({ ok: false, code: 'illegal_transition' });
    expect(checkTransition('completed', 'refunded', 'agent')).toEqual({
      ok: false,
      code: 'refund_only_by_after_sales',
    });
    expect(checkTransition('paid', 'shipped', 'agent', { trackingNo: '  ' })).toEqual({
      ok: false,
      code: 'tracking_required',
    });
  });

  it('lets only after-sales refund, and only orders that were paid', () => {
    expect(checkTransition('completed', 'partially_refunded', 'system').ok).toBe(true);
    expect(checkTransition('partially_refunded', 'refunded', 'system').ok).toBe(true);
    expect(checkTransition('pending_payment', 'refunded', 'system').ok).toBe(false);
    expect(checkTransition('cancelled', 'refunded', 'system').ok).toBe(false);
    expect(allowedTransitions('refunded', 'system')).toEqual([]);
  });

  it('stamps the right time column and knows terminal and editable states', () => {
    expect(timestampFor('shipped')).toBe('shippedAt');
    expect(timestampFor('closed')).toBe('cancelledAt');
    expect(timestampFor('refunded')).toBeNull();
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['cancelled', 'closed', 'refunded']);
    expect(ORDER_STATUSES.filter(itemsEditable)).toEqual(['pending_payment']);
  });
});
