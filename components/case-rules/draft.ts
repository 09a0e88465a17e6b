import type { PriorityConditions } from '@/lib/case-rules/conditions';
import { centsToInput, parseAmount } from '@/lib/money';

/**
 * The rule forms edit conditions as text and ticks; this turns that draft into the conditions
 * JSON the verbs validate, and back. What cannot be read (an amount "abc") is sent as typed, so
 * the server's message is the one shown, under the field it concerns.
 */
export type ConditionsDraft = {
  caseTypes: string[];
  reasons: string[];
  channels: string[];
  categories: string[];
  orderValueMin: string;
  orderValueMax: string;
  openCasesMin: string;
  recentCasesMin: string;
  customerTags: string;
  keywords: string;
};

/** The form field a `fieldErrors` key of a rule verb belongs to (`conditions.keywords.2` → `keywords`). */
export type DraftField = keyof ConditionsDraft | 'conditions';

/** Words and tags: one per line or separated by commas (either width). */
const splitList = (s: string) =>
  s
    .split(/[\n,，、]+/)
    .map((w) => w.trim())
    .filter(Boolean);

const amount = (s: string): number | string | undefined => {
  if (!s.trim()) return undefined;
  const cents = parseAmount(s);
  return Number.isNaN(cents) ? s : cents;
};

const count = (s: string): number | string | undefined => {
  const v = s.trim();
  if (!v) return undefined;
  return /^\d{1,6}$/.test(v) ? Number(v) : v;
};

export function emptyDraft(): ConditionsDraft {
  return {
    caseTypes: [],
    reasons: [],
    channels: [],
    categories: [],
    orderValueMin: '',
    orderValueMax: '',
    openCasesMin: '',
    recentCasesMin: '',
    customerTags: '',
    keywords: '',
  };
}

export function toDraft(c: PriorityConditions): ConditionsDraft {
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    caseTypes: [...(c.caseTypes ?? [])],
    reasons: [...(c.reasons ?? [])],
    channels: [...(c.channels ?? [])],
    categories: [...(c.categories ?? [])],
    orderValueMin: c.orderValueMinCents === undefined ? '' : centsToInput(c.orderValueMinCents),
    orderValueMax: c.orderValueMaxCents === undefined ? '' : centsToInput(c.orderValueMaxCents),
    openCasesMin: n(c.openCasesMin),
    recentCasesMin: n(c.recentCasesMin),
    customerTags: (c.customerTags ?? []).join(', '),
    keywords: (c.keywords ?? []).join('\n'),
  };
}

/** The conditions JSON for a priority rule, or (routing) only the case type, channel and category. */
export function fromDraft(d: ConditionsDraft, kind: 'priority' | 'routing'): Record<string, unknown> {
  const all: Record<string, unknown> = {
    caseTypes: d.caseTypes,
    channels: d.channels,
    categories: d.categories,
  };
  if (kind === 'priority') {
    Object.assign(all, {
      reasons: d.reasons,
      orderValueMinCents: amount(d.orderValueMin),
      orderValueMaxCents: amount(d.orderValueMax),
      openCasesMin: count(d.openCasesMin),
      recentCasesMin: count(d.recentCasesMin),
      customerTags: splitList(d.customerTags),
      keywords: splitList(d.keywords),
    });
  }
  return Object.fromEntries(
    Object.entries(all).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

const FIELD_OF: Record<string, DraftField> = {
  caseTypes: 'caseTypes',
  reasons: 'reasons',
  channels: 'channels',
  categories: 'categories',
  orderValueMinCents: 'orderValueMin',
  orderValueMaxCents: 'orderValueMax',
  openCasesMin: 'openCasesMin',
  recentCasesMin: 'recentCasesMin',
  customerTags: 'customerTags',
  keywords: 'keywords',
};

/** Server field errors (`conditions.orderValueMaxCents`, `conditions`) → one message per form field. */
export function draftErrors(fieldErrors: Record<string, string> | undefined): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const [key, message] of Object.entries(fieldErrors ?? {})) {
    const [head, name] = key.split('.');
    if (head !== 'conditions') continue;
    const field = name ? FIELD_OF[name] : 'conditions';
    if (field && !out[field]) out[field] = message;
  }
  return out;
}
