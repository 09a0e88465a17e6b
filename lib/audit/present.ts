/**
 * The audit trail in words: a stored change `{ refundCents: { before: 0, after: 12900 } }` reads
 * "Refund amount: ¥0.00 → ¥129.00". Pure (no database): the page passes the translator, the
 * shop's currency and time zone, and the names of the people the changes refer to.
 */
import type { FieldChange } from '@/db/schema/audit';
import type { Locale } from '@/lib/i18n/config';
import { formatDateTime } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/translate';
import { formatMoney } from '@/lib/money';

export type PresentedChange = { field: string; label: string; before: string | null; after: string | null };

export type PresentOptions = {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** The shop's currency, for amounts whose change does not say its own. */
  currency: string;
  /** Display names of users referred to by id (assignees, owners, targets). */
  names?: ReadonlyMap<string, string>;
};

/** Fields holding a user's id: shown as the person's name. */
export const USER_ID_FIELDS: ReadonlySet<string> = new Set(['assigneeId', 'userId', 'ownerId', 'targetId']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Where a field's coded values are translated, by entity type and field. */
function codeKey(entityType: string, field: string): string | null {
  if (field === 'status')
    return entityType === 'order'
      ? 'orders.status'
      : entityType === 'case'
        ? 'cases.status'
        : entityType === 'help_article'
          ? 'helpAuthoring.status'
          : null;
  if (field === 'role') return 'roles';
  if (entityType === 'case' && field === 'type') return 'cases.types';
  if (entityType === 'case' && field === 'reason') return 'cases.reasons';
  if (field === 'priority') return 'caseDesk.priority';
  if (field === 'locale') return 'auditValues.locales';
  return null;
}

/** A camelCase field without a label ("surveyValidDays") as words ("survey valid days"). */
function words(field: string): string {
  const s = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function fieldLabel(field: string, t: Translate): string {
  return t.dynamic(`auditFields.${field}`, undefined, words(field));
}

export function presentValue(
  value: unknown,
  field: string,
  entityType: string,
  o: PresentOptions,
  currency: string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((v) => presentValue(v, field, entityType, o, currency)).join(o.t('common.listSeparator'));
  }
  if (typeof value === 'boolean') return value ? o.t('common.yes') : o.t('common.no');
  if (typeof value === 'number' && /Cents$/.test(field)) return formatMoney(value, currency, o.locale);
  if (typeof value === 'string') {
    if (value === '[redacted]') return o.t('auditValues.redacted');
    // A list of the fields an edit touched (help articles): each named as its own label would be.
    if (field === 'changedFields') return fieldLabel(value, o.t);
    if (USER_ID_FIELDS.has(field) && o.names?.has(value)) return o.names.get(value)!;
    const key = codeKey(entityType, field);
    if (key) return o.t.dynamic(`${key}.${value}`, undefined, value);
    if (ISO_INSTANT.test(value)) return formatDateTime(value, o.locale, o.timeZone);
    return value;
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k, o.t)}: ${presentValue(v, k, entityType, o, currency)}`)
      .join(o.t('auditValues.pairSeparator'));
  }
  return String(value);
}

/** Each changed field with its label and readable before and after (null: the value did not exist). */
export function presentChanges(
  changes: Record<string, FieldChange> | null,
  entityType: string,
  o: PresentOptions,
): PresentedChange[] {
  if (!changes) return [];
  // An amount is in the currency the same change names, else the shop's.
  const own = changes.currency;
  const currency =
    (typeof own?.after === 'string' && own.after) || (typeof own?.before === 'string' && own.before) || o.currency;
  return Object.entries(changes).map(([field, c]) => ({
    field,
    label: fieldLabel(field, o.t),
    before: 'before' in c ? presentValue(c.before, field, entityType, o, currency) : null,
    after: 'after' in c ? presentValue(c.after, field, entityType, o, currency) : null,
  }));
}

/** A client address as people write it: an IPv4 address mapped into IPv6 ("::ffff:127.0.0.1") as IPv4. */
export function displayIp(ip: string | null): string | null {
  if (!ip) return null;
  return ip.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, '$1');
}

/** The user ids a page of changes refers to, to look their names up in one query. */
export function referencedUserIds(all: (Record<string, FieldChange> | null)[]): string[] {
  const ids = new Set<string>();
  for (const changes of all)
    for (const [field, c] of Object.entries(changes ?? {}))
      if (USER_ID_FIELDS.has(field))
        for (const v of [c.before, c.after]) if (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v)) ids.add(v);
  return [...ids];
}
