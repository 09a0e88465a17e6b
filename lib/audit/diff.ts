import type { FieldChange } from '@/db/schema/audit';

/** Fields whose values must never be copied into the audit trail; only the fact of a change is kept. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'token', 'secret', 'keyHash']);

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

function safe(field: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(field)) return '[redacted]';
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * The fields that differ between two snapshots of a record, as { field: { before, after } }.
 * A create has no `before`, a delete no `after`. Unchanged fields are left out.
 */
export function diffChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const hasBefore = !!before && key in before && before[key] !== undefined;
    const hasAfter = !!after && key in after && after[key] !== undefined;
    if (hasBefore && hasAfter && same(before[key], after![key])) continue;
    const change: FieldChange = {};
    if (hasBefore) change.before = safe(key, before[key]);
    if (hasAfter) change.after = safe(key, after![key]);
    changes[key] = change;
  }
  return changes;
}
