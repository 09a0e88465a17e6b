import type { CaseStatus, CaseType } from '@/lib/cases/workflow';
import type { FeedbackKind, FeedbackStatus } from '@/lib/feedback/schemas';
import type { OrderStatus } from '@/lib/orders/workflow';

/** A row of the customer list. Contacts are masked; the full values need reveal:pii:any. */
export type CustomerListItemDto = {
  id: string;
  name: string;
  phoneMasked: string | null;
  emailMasked: string | null;
  region: string | null;
  tags: string[];
  orderCount: number;
  lastOrderAt: string | null;
  hasAccount: boolean;
  createdAt: string;
};

export type CustomerExternalIdDto = { channel: string; externalId: string; createdAt: string };
export type CustomerNoteDto = { id: number; authorLabel: string; body: string; createdAt: string };

export type CustomerFiguresDto = {
  /** Live (not deleted) orders of any status. */
  orders: number;
  /** Paid orders' totals (not pending payment, cancelled or closed), as the order reports count GMV. */
  gmvCents: number;
  refundedCents: number;
  deliveredOrders: number;
  casesOpened: number;
  /** Cases opened per delivered order, as a percentage (the reports' after-sales rate); null without deliveries. */
  afterSalesRate: number | null;
  currency: string;
  csat: { answered: number; good: number; percent: number | null };
  nps: { answered: number; promoters: number; detractors: number; score: number | null };
};

export type CustomerProfileDto = {
  id: string;
  name: string;
  phoneMasked: string | null;
  emailMasked: string | null;
  region: string | null;
  /** Whether a street address is on file (it is encrypted; reveal shows it). */
  hasAddress: boolean;
  hasPhone: boolean;
  hasEmail: boolean;
  tags: string[];
  version: number;
  hasAccount: boolean;
  createdAt: string;
  externalIds: CustomerExternalIdDto[];
  notes: CustomerNoteDto[];
  orders: {
    orderNo: string;
    channel: string;
    status: OrderStatus;
    totalCents: number;
    currency: string;
    placedAt: string;
  }[];
  cases: { caseNo: string; type: CaseType; status: CaseStatus; orderNo: string; createdAt: string }[];
  feedback: {
    id: number;
    kind: FeedbackKind;
    score: number | null;
    comment: string;
    status: FeedbackStatus;
    createdAt: string;
  }[];
  feedbackTotal: number;
  /** CSAT and NPS answers, oldest first (the latest 100). */
  surveyAnswers: { kind: 'csat' | 'nps'; score: number; at: string }[];
  figures: CustomerFiguresDto;
};

/** One side of the merge dialog: who the customer is and what would move. */
export type MergeSideDto = {
  id: string;
  name: string;
  phoneMasked: string | null;
  emailMasked: string | null;
  region: string | null;
  tags: string[];
  hasAccount: boolean;
  createdAt: string;
  counts: MergeCounts;
};

export type MergeCounts = {
  orders: number;
  cases: number;
  feedback: number;
  surveys: number;
  notes: number;
  externalIds: number;
};

export type MergePreviewDto = {
  source: MergeSideDto;
  target: MergeSideDto;
  /** Why the merge would be refused, or null when it can go ahead. */
  blocked: 'merge_self' | 'merge_both_accounts' | null;
};

export type RevealedCustomerContact = { phone: string | null; email: string | null; address: string | null };
