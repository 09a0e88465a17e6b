import { describe, expect, it } from 'vitest';
import {
  availableActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  CASE_TYPES,
  checkCaseAction,
  initialStatus,
  isFinal,
  type CaseAction,
  type CaseStatus,
  type CaseType,
} from './workflow';

/** The happy path of each type, as (action, resulting status) steps, ending closed. */
const PATHS: Record<CaseType, [CaseAction, CaseStatus][]> = {
  refund_only: [
    ['approve', 'approved'],
    ['start_refund', 'refunding'],
    ['confirm_refund', 'refunded'],
    ['close', 'closed'],
  ],
  return_refund: [
    ['approve', 'approved'],
    ['request_return', 'awaiting_return'],
    ['receive_return', 'received'],
    ['inspect_ok', 'inspected'],
    ['start_refund', 'refunding'],
    ['confirm_refund', 'refunded'],
    ['close', 'closed'],
  ],
  exchange: [
    ['approve', 'approved'],
    ['request_return', 'awaiting_return'],
    ['receive_return', 'received'],
    ['ship_replacement', 'shipping_replacement'],
    ['confirm_shipment', 'replacement_shipped'],
    ['confirm_delivery', 'delivered'],
    ['close', 'closed'],
  ],
  reissue: [
    ['approve', 'approved'],
    ['ship_replacement', 'shipping_replacement'],
    ['confirm_shipment', 'replacement_shipped'],
    ['confirm_delivery', 'delivered'],
    ['close', 'closed'],
  ],
  repair: [
    ['approve', 'approved'],
    ['request_return', 'awaiting_return'],
    ['start_repair', 'repairing'],
    ['ship_repaired', 'repaired_shipped'],
    ['close', 'closed'],
  ],
  price_protection: [
    ['approve', 'approved'],
    ['start_refund', 'refunding'],
    ['confirm_refund', 'refunded'],
    ['close', 'closed'],
  ],
  compensation: [
    ['approve', 'approved'],
    ['resolve', 'resolved'],
    ['close', 'closed'],
  ],
  complaint: [
    ['await_customer', 'pending_customer'],
    ['customer_reply', 'open'],
    ['resolve', 'resolved'],
    ['close', 'closed'],
  ],
  inquiry: [
    ['resolve', 'resolved'],
    ['close', 'closed'],
  ],
};

describe('case workflow', () => {
  it.each(CASE_TYPES)('%s follows its documented path to closed', (type) => {
    let status = initialStatus(type);
    for (const [action, expected] of PATHS[type]) {
      const by = action === 'customer_reply' ? 'customer' : 'agent';
      const result = checkCaseAction({ type, status, action, by });
      expect(result, `${type}: ${action} from ${status}`).toEqual({ ok: true, to: expected });
      status = expected;
    }
    expect(isFinal(status)).toBe(true);
  });

  it('refuses every action outside its rules, for every type and state', () => {
    let legal = 0;
    for (const type of CASE_TYPES)
      for (const status of CASE_STATUSES)
        for (const action of CASE_ACTIONS) {
          const r = checkCaseAction({ type, status, action, by: 'supervisor' });
          if (r.ok) legal++;
          else expect(['illegal_case_transition', 'case_action_forbidden']).toContain(r.code);
        }
    // Final states allow nothing at all.
    for (const type of CASE_TYPES) {
      expect(availableActions(type, 'closed', 'supervisor')).toEqual([]);
      expect(availableActions(type, 'cancelled', 'supervisor')).toEqual([]);
    }
    expect(legal).toBeGreaterThan(0);
  });

  it('gives customers only their own moves', () => {
    expect(availableActions('return_refund', 'submitted', 'customer')).toEqual(['cancel']);
    expect(availableActions('return_refund', 'awaiting_return', 'customer')).toEqual(['cancel']);
    expect(availableActions('return_refund', 'received', 'customer')).toEqual([]);
    expect(availableActions('return_refund', 'rejected', 'customer')).toEqual(['appeal']);
    expect(availableActions('exchange', 'replacement_shipped', 'customer')).toEqual(['confirm_delivery']);
    expect(availableActions('complaint', 'resolved', 'customer')).toEqual(['reopen']);
    expect(checkCaseAction({ type: 'refund_only', status: 'submitted', action: 'approve', by: 'customer' })).toEqual({
      ok: false,
      code: 'case_action_forbidden',
    });
  });

  it('moves no goods for 价保 and 补偿: no return, replacement or repair step in any state', () => {
    const goodsMoves: CaseAction[] = ['request_return', 'receive_return', 'ship_replacement', 'start_repair'];
    for (const type of ['price_protection', 'compensation'] as const)
      for (const status of CASE_STATUSES)
        for (const action of goodsMoves) expect(checkCaseAction({ type, status, action, by: 'agent' }).ok).toBe(false);
    // Compensation only never goes through the order's refund either.
    expect(availableActions('compensation', 'approved', 'agent')).toEqual(['cancel', 'resolve']);
    expect(availableActions('price_protection', 'approved', 'agent')).toEqual(['cancel', 'start_refund']);
  });

  it('allows one appeal only', () => {
    expect(checkCaseAction({ type: 'refund_only', status: 'rejected', action: 'appeal', by: 'customer' })).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(
      checkCaseAction({ type: 'refund_only', status: 'rejected', action: 'appeal', by: 'customer', appealUsed: true }),
    ).toEqual({ ok: false, code: 'appeal_used' });
  });

  it('cannot cancel once the goods are back, and a mismatch needs a decision', () => {
    expect(checkCaseAction({ type: 'return_refund', status: 'received', action: 'cancel', by: 'customer' }).ok).toBe(
      false,
    );
    expect(
      checkCaseAction({ type: 'return_refund', status: 'received', action: 'inspect_mismatch', by: 'agent' }),
    ).toEqual({ ok: true, to: 'needs_action' });
    expect(availableActions('return_refund', 'needs_action', 'agent')).toEqual(['reject', 'start_refund']);
  });

  it('lets the system confirm refunds and close completed cases, nothing else', () => {
    expect(availableActions('refund_only', 'refunding', 'system')).toEqual(['confirm_refund']);
    expect(availableActions('repair', 'repaired_shipped', 'system')).toEqual(['close']);
    expect(availableActions('repair', 'repairing', 'system')).toEqual([]);
  });
});
