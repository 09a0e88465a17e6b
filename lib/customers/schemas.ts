import { z } from 'zod';
import { normalizePhone } from '@/lib/crypto/phone';
import { CursorParam } from '@/lib/pagination';

/** What the customer search box looks in; `auto` guesses from the text (see `searchModeOf`). */
export const CUSTOMER_SEARCH_FIELDS = ['auto', 'name', 'phone', 'email', 'externalId'] as const;
export type CustomerSearchField = (typeof CUSTOMER_SEARCH_FIELDS)[number];

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 30;
export const MAX_NOTE_LENGTH = 2000;

const PHONE_LIKE = /^\+?[\d\s()-]+$/;

/**
 * How a search text is looked up: digits (a phone) by the keyed hash, anything with an @ as an
 * e-mail, everything else as the start of a name. The explicit field select overrides the guess.
 */
export function searchModeOf(q: string, field: CustomerSearchField): Exclude<CustomerSearchField, 'auto'> {
  if (field !== 'auto') return field;
  if (PHONE_LIKE.test(q) && /\d/.test(q)) return 'phone';
  if (q.includes('@')) return 'email';
  return 'name';
}

/** Tags as staff write them: trimmed, lower-cased, blanks dropped, each kept once (first wins). */
export function normalizeTags(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const tag = r.trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * A tag list, validated as a whole so that the error lands on the `tags` field (not on `tags.3`):
 * at most 20, each 1–30 characters and without the CSV separators `|` and `;` (so an export
 * imports back unchanged).
 */
export const tagsField = z
  .array(z.string().max(200, 'tag_too_long'), { message: 'invalid' })
  .max(100, 'too_many_tags')
  .transform(normalizeTags)
  .superRefine((tags, ctx) => {
    if (tags.some((t) => t.length > MAX_TAG_LENGTH)) ctx.addIssue({ code: 'custom', message: 'tag_too_long' });
    else if (tags.some((t) => /[|;]/.test(t))) ctx.addIssue({ code: 'custom', message: 'tag_invalid' });
    else if (tags.length > MAX_TAGS) ctx.addIssue({ code: 'custom', message: 'too_many_tags' });
  });

const tagFilter = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_TAG_LENGTH, 'tag_too_long')
  .optional()
  .transform((v) => v || undefined);

export const ListCustomersInput = z.object({
  q: z.string().trim().max(100, 'too_long').default(''),
  field: z.enum(CUSTOMER_SEARCH_FIELDS).catch('auto'),
  tag: tagFilter,
  cursor: CursorParam,
});
export type ListCustomersFilters = z.output<typeof ListCustomersInput>;

export const customerIdField = z.uuid({ message: 'not_found' });

export const CustomerIdInput = z.object({ id: customerIdField });

export const CustomerOrdersInput = z.object({ id: customerIdField, cursor: CursorParam });

export const AddCustomerNoteInput = z.object({
  customerId: customerIdField,
  body: z.string().trim().min(1, 'required').max(MAX_NOTE_LENGTH, 'too_long'),
});

export const SetCustomerTagsInput = z.object({
  id: customerIdField,
  version: z.coerce.number().int().min(1),
  tags: tagsField,
});

export const MergeCustomersInput = z.object({
  sourceId: customerIdField,
  targetId: customerIdField,
});

/** A phone as the import and the search accept it: 7–15 digits once +86 / 0086 is taken off. */
export const isPlausiblePhone = (p: string) => {
  const d = normalizePhone(p);
  return d.length >= 7 && d.length <= 15;
};
