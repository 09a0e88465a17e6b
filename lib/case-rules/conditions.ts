import { z } from 'zod';
import { CASE_TYPES, type CaseType } from '@/lib/cases/workflow';
import { CASE_REASONS, type CaseReason } from '@/lib/returns/policy-engine';

/**
 * The conditions of a priority or routing rule (#18), as stored in `priority_rules.conditions` and
 * `routing_rules.conditions` (jsonb). Pure and client-safe: the admin forms, the evaluator and the
 * verbs share this one definition. Error messages are `validation.*` codes.
 *
 * Semantics: every condition that is set must hold (AND); inside a list any entry will do (OR).
 * An empty list counts as "not set", so it is dropped rather than stored.
 */

/** Cases opened "recently" for the customer-history condition: the last 90 days. */
export const RECENT_CASE_DAYS = 90;

export const MAX_KEYWORDS = 50;
export const KEYWORD_MAX = 50;
export const MAX_TAGS = 20;
export const TAG_MAX = 30;
/** 1 000 000 000 分 = ¥10 000 000: no order is that big, and it keeps the amount an exact integer. */
export const MAX_ORDER_VALUE_CENTS = 1_000_000_000;
export const MAX_CASE_COUNT = 1000;

/** Drops duplicates (by `key`) in first-seen order, so an audit diff shows real changes only. */
const unique = <T>(list: readonly T[], key: (v: T) => string = String) => {
  const seen = new Set<string>();
  return list.filter((v) => !seen.has(key(v)) && !!seen.add(key(v)));
};

/** A list condition: an absent or empty list means "not set". */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item, { message: 'invalid' })
    .max(max, 'too_many')
    .optional()
    .transform((v) => (v && v.length ? v : undefined));

/** Enum lists keep the canonical order of their enum, so equal sets are stored equally. */
const enumList = <const V extends readonly [string, ...string[]]>(values: V) =>
  listOf(z.enum(values, { message: 'invalid_choice' }), values.length * 2).transform((v) =>
    v ? values.filter((x): x is V[number] => v.includes(x)) : undefined,
  );

// Codes are checked against the channel and category records by the verbs (they need the database);
// here only their shape. Old categories kept from before #12 may not follow CATALOG_CODE_RE.
const codeList = listOf(
  z.string({ message: 'invalid_choice' }).trim().min(1, 'invalid_choice').max(100, 'invalid_choice'),
  100,
).transform((v) => (v ? unique(v) : undefined));

const cents = z
  .number({ message: 'invalid_amount' })
  .int('invalid_amount')
  .min(0, 'invalid_amount')
  .max(MAX_ORDER_VALUE_CENTS, 'invalid_amount')
  .optional();

const atLeast = z
  .number({ message: 'invalid_number' })
  .int('invalid_number')
  .min(1, 'out_of_range')
  .max(MAX_CASE_COUNT, 'out_of_range')
  .optional();

/** Conditions on the case itself and where it was bought: all that routing may look at. */
const routingShape = {
  caseTypes: enumList(CASE_TYPES),
  channels: codeList,
  categories: codeList,
};

const priorityShape = {
  ...routingShape,
  reasons: enumList(CASE_REASONS),
  /** Order total in 分, inclusive at both ends. */
  orderValueMinCents: cents,
  orderValueMaxCents: cents,
  /** The customer has at least this many cases in progress (not closed or cancelled). */
  openCasesMin: atLeast,
  /** The customer opened at least this many cases in the last RECENT_CASE_DAYS days. */
  recentCasesMin: atLeast,
  /** The customer carries one of these tags ("vip"); tags are lower-case, like customers.tags. */
  customerTags: listOf(
    z.string({ message: 'invalid' }).trim().toLowerCase().min(1, 'required').max(TAG_MAX, 'too_long'),
    MAX_TAGS,
  ).transform((v) => (v ? unique(v) : undefined)),
  /** The description contains one of these words (case-insensitive). */
  keywords: listOf(
    z.string({ message: 'invalid' }).trim().min(1, 'required').max(KEYWORD_MAX, 'too_long'),
    MAX_KEYWORDS,
  ).transform((v) => (v ? unique(v, (w) => w.toLowerCase()) : undefined)),
};

/** Every condition a priority rule may set; a key that is absent is not tested. */
export type PriorityConditions = {
  caseTypes?: CaseType[];
  reasons?: CaseReason[];
  channels?: string[];
  categories?: string[];
  orderValueMinCents?: number;
  orderValueMaxCents?: number;
  openCasesMin?: number;
  recentCasesMin?: number;
  customerTags?: string[];
  keywords?: string[];
};
/** Routing looks only at the case type, the sales channel and the product category. */
export type RoutingConditions = Pick<PriorityConditions, 'caseTypes' | 'channels' | 'categories'>;

/** Removes keys whose value is undefined, so the stored JSON holds only the conditions that are set. */
const compact = <T>(o: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const notEmpty = (o: Record<string, unknown>) => Object.keys(o).length > 0;
/** "Set at least one condition" only makes sense once the conditions given were readable. */
const noIssuesYet = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/**
 * Priority rule conditions. `strict` so a misspelt condition ("keyword") is refused rather than
 * silently ignored, which would make a rule match far more cases than its author meant.
 */
export const PriorityConditions = z
  .strictObject(priorityShape, { message: 'unknown_condition' })
  .transform((o) => compact<PriorityConditions>(o))
  .refine(
    (c) =>
      c.orderValueMinCents === undefined ||
      c.orderValueMaxCents === undefined ||
      c.orderValueMinCents <= c.orderValueMaxCents,
    { path: ['orderValueMaxCents'], message: 'amount_range_inverted' },
  )
  // A rule without conditions would match every case: that is what the default priority is for.
  .refine(notEmpty, { message: 'conditions_required', when: noIssuesYet });

export const RoutingConditions = z
  .strictObject(routingShape, { message: 'unknown_condition' })
  .transform((o) => compact<RoutingConditions>(o))
  // Without conditions a rule would take every case, and routing by case type would never apply.
  .refine(notEmpty, { message: 'conditions_required', when: noIssuesYet });

/** Any rule's conditions, as the evaluator reads them. */
export type RuleConditions = PriorityConditions;

/** What is known about a case when it is opened: the facts the conditions are tested on. */
export type CaseFacts = {
  type: CaseType;
  reason: CaseReason;
  description: string;
  orderTotalCents: number;
  /** The order's sales channel code. */
  channel: string | null;
  /** The product categories of the case's items, or of the order's when the case names none. */
  categories: readonly string[];
  customer: {
    openCases: number;
    recentCases: number;
    tags: readonly string[];
  };
};

/** True when every condition that is set holds for the case. */
export function conditionsHold(c: RuleConditions, f: CaseFacts): boolean {
  if (c.caseTypes && !c.caseTypes.includes(f.type)) return false;
  if (c.reasons && !c.reasons.includes(f.reason)) return false;
  if (c.channels && !(f.channel !== null && c.channels.includes(f.channel))) return false;
  if (c.categories && !f.categories.some((cat) => c.categories!.includes(cat))) return false;
  if (c.orderValueMinCents !== undefined && f.orderTotalCents < c.orderValueMinCents) return false;
  if (c.orderValueMaxCents !== undefined && f.orderTotalCents > c.orderValueMaxCents) return false;
  if (c.openCasesMin !== undefined && f.customer.openCases < c.openCasesMin) return false;
  if (c.recentCasesMin !== undefined && f.customer.recentCases < c.recentCasesMin) return false;
  if (c.customerTags && !f.customer.tags.some((t) => c.customerTags!.includes(t.toLowerCase()))) return false;
  if (c.keywords) {
    const text = f.description.toLowerCase();
    if (!c.keywords.some((w) => text.includes(w.toLowerCase()))) return false;
  }
  return true;
}
