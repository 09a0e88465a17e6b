import type { AttachmentDto } from '@/lib/attachments/dto';
import type { CaseReason } from '@/lib/returns/policy-engine';
import type { CompensationDto } from './compensation';
import type { Priority } from './priority';
import type { CaseAction, CaseStatus, CaseType } from './workflow';

export type CaseListItemDto = {
  caseNo: string;
  orderNo: string;
  type: CaseType;
  status: CaseStatus;
  priority: Priority;
  customerName: string;
  assigneeName: string | null;
  createdAt: string;
  /** The next SLA deadline that still runs (first response, decision, refund, resolution). */
  dueAt: string | null;
  escalated: boolean;
};

export type CaseMessageDto = {
  id: number;
  at: string;
  authorLabel: string;
  authorKind: string;
  body: string;
  internal: boolean;
};
export type CaseEventDto = {
  id: number;
  at: string;
  /** The acting person's name, for staff; empty for the system and in the customer's view. */
  actorLabel: string;
  actorKind: 'customer' | 'staff' | 'system';
  /** Shown in the customer's timeline (with its note); staff see every event. */
  public: boolean;
  kind: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note: string | null;
};

export type CaseDetailDto = {
  /** Internal id, for joins on other pages (feedback linked to the case); never shown. */
  id: number;
  caseNo: string;
  version: number;
  type: CaseType;
  reason: CaseReason;
  description: string;
  status: CaseStatus;
  priority: Priority;
  channel: string;
  escalated: boolean;
  policyCode: string;
  policyUntil: string | null;
  policyOverrideReason: string | null;
  assignee: { id: string; name: string } | null;
  refundCents: number;
  currency: string;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  /** Exchange / reissue: how the replacement went out (the customer sees it). */
  replacement: { carrier: string; trackingNo: string; shippedAt: string | null } | null;
  /** Approved compensations, summed (what the reports count). */
  compensationCents: number;
  /** Staff see every compensation with its state; customers only the granted ones. */
  compensations: CompensationDto[];
  /** Staff only: who pays the return postage and how much (null until recorded). */
  returnFreight: { payer: 'shop' | 'customer'; cents: number } | null;
  createdAt: string;
  dues: { firstResponse: string | null; decision: string | null; refund: string | null; resolution: string | null };
  respondedAt: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  pausedSince: string | null;
  order: {
    orderNo: string;
    status: string;
    totalCents: number;
    refundedCents: number;
    placedAt: string;
    deliveredAt: string | null;
    customerName: string;
  };
  items: {
    sku: string;
    name: string;
    quantity: number;
    refundCents: number;
    /** What was paid per unit, and for price protection the lower price the customer cited. */
    paidUnitCents: number;
    claimedUnitCents: number | null;
  }[];
  messages: CaseMessageDto[];
  /** Files on the request (messageId null) and on messages the viewer can see. */
  attachments: AttachmentDto[];
  /** Staff only: the customer (for the profile link), their other recent cases and their number of orders. */
  history: {
    customerId: string;
    orders: number;
    cases: { caseNo: string; type: CaseType; status: CaseStatus; createdAt: string }[];
  } | null;
  events: CaseEventDto[];
  /** What the viewer may do now. */
  actions: CaseAction[];
};
