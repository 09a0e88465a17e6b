import { z } from 'zod';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '@/db/schema/feedback';
import { dayField } from '@/lib/validation';

export { FEEDBACK_KINDS, FEEDBACK_STATUSES };
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * Kinds a customer writes freely in the portal; CSAT and NPS only come from surveys, and reviews
 * only from a sales channel (the reviews import), so the portal neither offers nor edits them.
 */
export const FREE_KINDS = ['suggestion', 'complaint', 'praise', 'other'] as const;
export const isFreeKind = (kind: FeedbackKind): kind is (typeof FREE_KINDS)[number] =>
  (FREE_KINDS as readonly string[]).includes(kind);
/** Score bands across the scales: low = CSAT or review 1–2 / NPS 0–6, mid = 3 / 7–8, high = 4–5 / 9–10. */
export const SCORE_BANDS = ['low', 'mid', 'high'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export const COMMENT_MAX = 2000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((v) => (v ? v : undefined));
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.uuid('invalid_choice').optional());

export const SurveyAnswerInput = z.object({
  /** From the e-mailed link; or `surveyId` for a signed-in customer answering in the portal. */
  token: z.string().trim().max(500, 'invalid').optional(),
  surveyId: optionalId,
  // An empty form field is a missing score, not 0 (a valid NPS answer).
  score: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ message: 'required' }).int('score_out_of_range'),
  ),
  comment: z.string().trim().max(COMMENT_MAX, 'too_long').default(''),
});

export const SubmitFeedbackInput = z.object({
  kind: z.enum(FREE_KINDS, { message: 'invalid_choice' }),
  comment: z.string().trim().min(1, 'required').max(COMMENT_MAX, 'too_long'),
  orderNo: optionalText(40),
  productId: optionalId,
});

export const EditOwnFeedbackInput = SubmitFeedbackInput.extend({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(1),
});

export const UpdateFeedbackInput = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(1),
  categoryId: z
    .string()
    .trim()
    .transform((v) => (v ? v : null))
    .pipe(z.uuid('invalid_choice').nullable()),
  tagIds: z.array(z.uuid('invalid_choice')).max(20, 'too_many').default([]),
  status: z.enum(FEEDBACK_STATUSES, { message: 'invalid_choice' }),
  ownerId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.uuid('invalid_choice').nullable()),
});

export const BulkClassifyInput = z
  .object({
    ids: z.array(z.coerce.number().int().positive()).min(1, 'required').max(200, 'too_many'),
    categoryId: optionalId,
    addTagId: optionalId,
    status: z
      .enum(FEEDBACK_STATUSES, { message: 'invalid_choice' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .refine((v) => v.categoryId || v.addTagId || v.status, { message: 'nothing_to_change', path: ['_form'] });

export const FollowUpInput = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(1),
  /** Shop-calendar date by which the owner gets back to the customer. */
  dueDate: dayField(),
  note: optionalText(500),
});

export const OpenCaseFromFeedbackInput = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(1),
});

const dateStr = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(dayField().optional());

/** A URL flag: '1', 'true' or 'on' (or true) is set; anything else is not. */
const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'on');

export const ListFeedbackInput = z
  .object({
    kind: z.enum(FEEDBACK_KINDS).optional().catch(undefined),
    band: z.enum(SCORE_BANDS).optional().catch(undefined),
    status: z.enum(FEEDBACK_STATUSES).optional().catch(undefined),
    categoryId: z.uuid().optional().catch(undefined),
    /** 'none' lists unclassified feedback. */
    uncategorized: flag,
    tagId: z.uuid().optional().catch(undefined),
    productId: z.uuid().optional().catch(undefined),
    mine: flag,
    from: dateStr,
    to: dateStr,
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'date_range_inverted', path: ['to'] });

export const StatsInput = z
  .object({
    from: dayField(),
    to: dayField(),
  })
  .refine((v) => v.from <= v.to, { message: 'date_range_inverted', path: ['to'] });

const name = z.string().trim().min(1, 'required').max(60, 'too_long');
export const LabelInput = z.object({
  id: optionalId,
  nameZh: name,
  nameEn: name,
  active: z.coerce.boolean().default(true),
});

export const RuleInput = z
  .object({
    id: optionalId,
    /** One per line or comma-separated, in either language. */
    keywords: z
      .string()
      .max(1000, 'too_long')
      .transform((v) => [
        ...new Set(
          v
            .split(/[\n,，;；]/)
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(40, 'too_long')).min(1, 'required').max(30, 'too_many')),
    categoryId: optionalId,
    tagId: optionalId,
    position: z.coerce.number().int().min(0).max(9999).default(0),
    active: z.coerce.boolean().default(true),
  })
  .refine((v) => v.categoryId || v.tagId, { message: 'rule_needs_target', path: ['categoryId'] });

export const FeedbackSettingsInput = z.object({
  version: z.coerce.number().int().min(1),
  csatEnabled: z.coerce.boolean(),
  npsEnabled: z.coerce.boolean(),
  npsDelayDays: z.coerce
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(90, 'out_of_range'),
  surveyValidDays: z.coerce
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(60, 'out_of_range'),
});
