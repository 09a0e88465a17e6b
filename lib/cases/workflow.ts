/**
 * The after-sales case state machine (DESIGN §6) as pure functions. A case moves only through named
 * actions; each action says from which states it applies, for which case types, to which state it
 * leads, and who may take it. Everything else (persistence, SLA, notifications) builds on this.
 */
export const CASE_TYPES = [
  'refund_only',
  'return_refund',
  'exchange',
  'repair',
  'reissue',
  'price_protection',
  'compensation',
  'complaint',
  'inquiry',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'cancelled',
  'awaiting_return',
  'received',
  'inspected',
  'needs_action',
  'refunding',
  'refunded',
  'shipping_replacement',
  'replacement_shipped',
  'delivered',
  'repairing',
  'repaired_shipped',
  'open',
  'pending_customer',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type CaseActorKind = 'customer' | 'agent' | 'supervisor' | 'system';

export const CASE_ACTIONS = [
  'approve',
  'reject',
  'appeal',
  'cancel',
  'request_return',
  'receive_return',
  'inspect_ok',
  'inspect_mismatch',
  'start_refund',
  'confirm_refund',
  'ship_replacement',
  'confirm_shipment',
  'confirm_delivery',
  'start_repair',
  'ship_repaired',
  'await_customer',
  'customer_reply',
  'resolve',
  'reopen',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

type Rule = {
  from: readonly CaseStatus[];
  to: CaseStatus;
  types: readonly CaseType[] | 'all';
  by: readonly CaseActorKind[];
};

/** Types the merchant decides on (approve / reject, one appeal). 价保 and 补偿 move money, not goods. */
const GOODS: readonly CaseType[] = [
  'refund_only',
  'return_refund',
  'exchange',
  'repair',
  'reissue',
  'price_protection',
  'compensation',
];
/** Types whose money goes back through the order's refund (refunding → refunded). */
const REFUNDED: readonly CaseType[] = ['refund_only', 'return_refund', 'price_protection'];
const CONVERSATION: readonly CaseType[] = ['complaint', 'inquiry'];
const STAFF = ['agent', 'supervisor'] as const;

/** States after which a case is "done" and closes automatically after the configured days. */
export const COMPLETED_STATUSES: readonly CaseStatus[] = [
  'refunded',
  'delivered',
  'repaired_shipped',
  'resolved',
  'rejected',
];

const RULES: Record<CaseAction, Rule> = {
  approve: { from: ['submitted'], to: 'approved', types: GOODS, by: STAFF },
  reject: { from: ['submitted', 'needs_action'], to: 'rejected', types: GOODS, by: STAFF },
  // One appeal: the case goes back for a second decision (the caller checks it was not used).
  appeal: { from: ['rejected'], to: 'submitted', types: GOODS, by: ['customer'] },
  // Before the goods are back with the merchant, the customer may withdraw.
  cancel: {
    from: ['submitted', 'approved', 'awaiting_return', 'open', 'pending_customer'],
    to: 'cancelled',
    types: 'all',
    by: ['customer', ...STAFF],
  },
  request_return: {
    from: ['approved'],
    to: 'awaiting_return',
    types: ['return_refund', 'exchange', 'repair'],
    by: STAFF,
  },
  receive_return: { from: ['awaiting_return'], to: 'received', types: ['return_refund', 'exchange'], by: STAFF },
  inspect_ok: { from: ['received'], to: 'inspected', types: ['return_refund'], by: STAFF },
  inspect_mismatch: { from: ['received'], to: 'needs_action', types: ['return_refund'], by: STAFF },
  start_refund: {
    from: ['approved', 'inspected', 'needs_action'],
    to: 'refunding',
    types: REFUNDED,
    by: STAFF,
  },
  confirm_refund: {
    from: ['refunding'],
    to: 'refunded',
    types: REFUNDED,
    by: [...STAFF, 'system'],
  },
  ship_replacement: {
    from: ['approved', 'received'],
    to: 'shipping_replacement',
    types: ['exchange', 'reissue'],
    by: STAFF,
  },
  confirm_shipment: {
    from: ['shipping_replacement'],
    to: 'replacement_shipped',
    types: ['exchange', 'reissue'],
    by: STAFF,
  },
  confirm_delivery: {
    from: ['replacement_shipped'],
    to: 'delivered',
    types: ['exchange', 'reissue'],
    by: [...STAFF, 'customer', 'system'],
  },
  start_repair: { from: ['awaiting_return'], to: 'repairing', types: ['repair'], by: STAFF },
  ship_repaired: { from: ['repairing'], to: 'repaired_shipped', types: ['repair'], by: STAFF },
  await_customer: { from: ['open'], to: 'pending_customer', types: CONVERSATION, by: STAFF },
  customer_reply: { from: ['pending_customer'], to: 'open', types: CONVERSATION, by: ['customer'] },
  // A compensation-only case is resolved once approved and its compensation recorded (the verb checks).
  resolve: {
    from: ['open', 'pending_customer', 'approved'],
    to: 'resolved',
    types: [...CONVERSATION, 'compensation'],
    by: STAFF,
  },
  // A customer who answers within the closing window reopens a resolved conversation.
  reopen: { from: ['resolved'], to: 'open', types: CONVERSATION, by: ['customer', ...STAFF] },
  close: { from: COMPLETED_STATUSES, to: 'closed', types: 'all', by: [...STAFF, 'system'] },
};

/** Where a new case starts: goods need a decision first; conversations are simply open. */
export function initialStatus(type: CaseType): CaseStatus {
  return CONVERSATION.includes(type) ? 'open' : 'submitted';
}

export type CaseTransition =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'illegal_case_transition' | 'case_action_forbidden' | 'appeal_used' };

export function checkCaseAction(input: {
  type: CaseType;
  status: CaseStatus;
  action: CaseAction;
  by: CaseActorKind;
  appealUsed?: boolean;
}): CaseTransition {
  const rule = RULES[input.action];
  const typeOk = rule.types === 'all' || rule.types.includes(input.type);
  if (!typeOk || !rule.from.includes(input.status)) return { ok: false, code: 'illegal_case_transition' };
  if (!rule.by.includes(input.by)) return { ok: false, code: 'case_action_forbidden' };
  if (input.action === 'appeal' && input.appealUsed) return { ok: false, code: 'appeal_used' };
  return { ok: true, to: rule.to };
}

/** The actions a given actor may take on a case now: what the UI offers as buttons. */
export function availableActions(
  type: CaseType,
  status: CaseStatus,
  by: CaseActorKind,
  appealUsed = false,
): CaseAction[] {
  return CASE_ACTIONS.filter((action) => checkCaseAction({ type, status, action, by, appealUsed }).ok);
}

export function isFinal(status: CaseStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** The SLA clocks pause while the case waits on the customer. */
export function waitingOnCustomer(status: CaseStatus): boolean {
  return status === 'pending_customer' || status === 'awaiting_return' || status === 'rejected';
}
