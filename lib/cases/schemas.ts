import { z } from 'zod';
import { CASE_REASONS } from '@/lib/returns/policy-engine';
import { CATALOG_CODE_RE } from '@/lib/catalog/names';
import { isSaneDay } from '@/lib/validation';
import { PRIORITIES } from './priority';
import { CASE_ACTIONS, CASE_STATUSES, CASE_TYPES } from './workflow';

/** An amount in 分 from a form: a whole non-negative number (NaN from an unparsable amount fails). */
const cents = z.coerce
  .number({ message: 'invalid_amount' })
  .int('invalid_amount')
  .min(0, 'invalid_amount')
  .max(10_000_000_000, 'invalid_amount');

const caseNo = z.string().trim().min(1, 'required').max(40, 'too_long');
const carrier = z.string().trim().min(1, 'required').max(40, 'too_long');
const trackingNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, 'invalid_tracking_no');

export const CreateCaseInput = z.object({
  orderNo: z.string().trim().min(1, 'required').max(40, 'too_long'),
  type: z.enum(CASE_TYPES, { message: 'invalid_choice' }),
  reason: z.enum(CASE_REASONS, { message: 'invalid_choice' }),
  description: z.string().trim().min(1, 'required').max(2000, 'too_long'),
  items: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'required').max(64, 'too_long'),
        quantity: z.coerce
          .number({ message: 'invalid_quantity' })
          .int('invalid_quantity')
          .min(1, 'invalid_quantity')
          .max(9999, 'invalid_quantity'),
        /** Price protection: the lower unit price the customer saw now, in 分 (the form converts). */
        claimedUnitCents: cents.optional(),
      }),
    )
    .max(100, 'too_many_items')
    .default([]),
  /** Staff only: proceed although the policy engine says no, with the reason recorded. */
  overrideReason: z
    .string()
    .trim()
    .max(500, 'too_long')
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Ids of the actor's own pending uploads (photos, receipts) to attach to the request. */
  attachments: z.array(z.uuid('attachment_invalid')).max(6, 'too_many_attachments').default([]),
});
export type CreateCaseInput = z.input<typeof CreateCaseInput>;

export const CaseActionInput = z.object({
  caseNo: z.string().trim().min(1, 'required').max(40, 'too_long'),
  version: z.coerce.number().int().min(1),
  action: z.enum(CASE_ACTIONS, { message: 'invalid_choice' }),
  note: z
    .string()
    .trim()
    .max(2000, 'too_long')
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** For start_refund: the amount to refund, in 分; defaults to the concerned items' value. */
  refundCents: z.coerce.number({ message: 'invalid_amount' }).int('invalid_amount').min(0, 'invalid_amount').optional(),
  /** For confirm_shipment (exchange, reissue): how the replacement went out; both required there. */
  carrier: carrier.optional(),
  trackingNo: trackingNo.optional(),
});
export type CaseActionInput = z.input<typeof CaseActionInput>;

export const ReturnTrackingInput = z.object({
  caseNo: z.string().trim().min(1, 'required').max(40, 'too_long'),
  carrier: z.string().trim().min(1, 'required').max(40, 'too_long'),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'invalid_tracking_no'),
});

/** Corrects the replacement's carrier and tracking number after it shipped. */
export const ReplacementShipmentInput = z.object({ caseNo, carrier, trackingNo });

export const COMPENSATION_METHODS = ['coupon', 'cash', 'points'] as const;
export type CompensationMethod = (typeof COMPENSATION_METHODS)[number];

export const RecordCompensationInput = z.object({
  caseNo,
  amountCents: cents.min(1, 'invalid_amount'),
  method: z.enum(COMPENSATION_METHODS, { message: 'invalid_choice' }),
  reason: z.string().trim().min(1, 'required').max(500, 'too_long'),
});

export const DecideCompensationInput = z.object({
  caseNo,
  compensationId: z.coerce.number().int().min(1),
  version: z.coerce.number().int().min(1),
  decision: z.enum(['approve', 'reject'], { message: 'invalid_choice' }),
  note: z
    .string()
    .trim()
    .max(500, 'too_long')
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const FREIGHT_PAYERS = ['shop', 'customer'] as const;
export const ReturnFreightInput = z.object({
  caseNo,
  payer: z.enum(FREIGHT_PAYERS, { message: 'invalid_choice' }),
  amountCents: cents,
});

// Conversation, assignment, flags and bulk close (lib/cases/conversation.ts, mutations.ts).
export const AddCaseMessageInput = z.object({
  caseNo: caseNo,
  body: z.string().trim().min(1, 'required').max(5000, 'too_long'),
  internal: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .default(false),
  attachments: z.array(z.uuid('attachment_invalid')).max(6, 'too_many_attachments').default([]),
});

export const AssignCaseInput = z
  .object({
    caseNo: caseNo.optional(),
    caseNos: z.array(caseNo).min(1, 'required').max(200, 'too_many').optional(),
    assigneeId: z.uuid('not_found').nullable(),
  })
  .refine((v) => v.caseNo || v.caseNos?.length, { path: ['caseNos'], message: 'required' });

export const UpdateCaseFlagsInput = z.object({
  caseNos: z.array(caseNo).min(1, 'required').max(200, 'too_many'),
  priority: z.enum(PRIORITIES, { message: 'invalid_choice' }).optional(),
  escalated: z.boolean().optional(),
});

export const CloseCasesInput = z.object({
  caseNos: z.array(z.string().trim().min(1).max(40)).min(1, 'required').max(200, 'too_many'),
});

// The queues and their filters (lib/cases/queries.ts).
export const QUEUES = ['mine', 'unassigned', 'team', 'due_soon', 'breached', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export const ListCasesInput = z.object({
  queue: z.enum(QUEUES, { message: 'invalid_choice' }).optional().default('all'),
  status: z
    .union([z.enum(CASE_STATUSES), z.literal('')])
    .optional()
    .default(''),
  type: z
    .union([z.enum(CASE_TYPES), z.literal('')])
    .optional()
    .default(''),
  priority: z
    .union([z.enum(PRIORITIES), z.literal('')])
    .optional()
    .default(''),
  q: z.string().trim().max(60, 'too_long').optional().default(''),
  /** newest / oldest by opening time, or `due`: the running deadline soonest first. */
  sort: z.enum(['newest', 'oldest', 'due']).optional().default('newest'),
  cursor: z.string().max(200).optional(),
  // Drill-down from reports: opened between these shop dates, and the report's dimensions.
  // Values a hand-edited link makes up are ignored rather than failing the page.
  from: z.string().refine(isSaneDay).optional().catch(undefined),
  to: z.string().refine(isSaneDay).optional().catch(undefined),
  reason: z.enum(CASE_REASONS).optional().catch(undefined),
  channel: z.string().regex(CATALOG_CODE_RE).optional().catch(undefined),
  productId: z.uuid().optional().catch(undefined),
  category: z.string().trim().max(64).optional().catch(undefined),
  teamId: z.uuid().optional().catch(undefined),
});
