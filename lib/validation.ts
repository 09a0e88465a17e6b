import { z } from 'zod';
import { ValidationError, type FieldErrors } from '@/lib/errors';

/**
 * Parses input with a zod schema, or throws a ValidationError whose field errors carry message
 * codes (`required`, `too_long` ...) that the form translates under `validation.*`.
 *
 * Every string anywhere in the input is checked for NUL first: PostgreSQL cannot store U+0000 in
 * text, so such a value would otherwise reach the database and fail there as a 500. One check
 * here covers every verb, form, CSV row and API body that goes through parseInput.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = fieldsWithNul(input);
  if (nul.length > 0) {
    throw new ValidationError(Object.fromEntries(nul.map((f) => [f, ['invalid_characters']])));
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form';
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    const code = missing ? 'required' : issue.message;
    (fieldErrors[field] ??= []).push(/^[a-z_]+$/.test(code) ? code : 'invalid');
  }
  throw new ValidationError(fieldErrors);
}

/** True when a string holds U+0000, which no text column can store. */
export const hasNul = (s: string): boolean => s.includes('\u0000');

/** Dotted paths of every string holding NUL (object keys too), depth-limited against cycles. */
export function fieldsWithNul(input: unknown, prefix = '', depth = 0): string[] {
  if (typeof input === 'string') return hasNul(input) ? [prefix || '_form'] : [];
  if (depth > 8 || typeof input !== 'object' || input === null) return [];
  if (input instanceof Date || input instanceof Uint8Array || input instanceof Blob) return [];
  const found: string[] = [];
  const entries = input instanceof Map ? [...input.entries()] : Object.entries(input);
  for (const [key, value] of entries) {
    const path = prefix ? `${prefix}.${String(key)}` : String(key);
    if (hasNul(String(key))) found.push(prefix || '_form');
    found.push(...fieldsWithNul(value, path, depth + 1));
  }
  return found;
}

/** zod 4 does not report the offending input by default, so look it up to tell "missing" from "wrong". */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * The ranges of dates input may carry. JavaScript accepts years 0000 and ±275760, PostgreSQL
 * refuses some of them (there is no year 0): such a value is a typo or an attack, and gets a field
 * message instead of a database error. A day used to *filter* may be anything from year 1000 to
 * 2999 (a far-off period simply matches nothing; tests park their rows in long-past years); an
 * instant that is *recorded* (an order's time) must be from 1970 to 2100.
 */
export const EARLIEST_DAY = '1000-01-01';
export const LATEST_DAY = '2999-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DAY}T00:00:00Z`);
const LATEST_MS = Date.parse(`${LATEST_DAY}T23:59:59.999Z`);
const EARLIEST_INSTANT_MS = Date.parse('1970-01-01T00:00:00Z');
const LATEST_INSTANT_MS = Date.parse('2100-12-31T23:59:59.999Z');

/** A real calendar day `YYYY-MM-DD` (not 2026-02-30) from year 1000 to 2999. */
export function isSaneDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const ms = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/** A shop-calendar day field (`YYYY-MM-DD`): message `invalid_date` when malformed, impossible or out of range. */
export const dayField = () => z.string().trim().refine(isSaneDay, 'invalid_date');

/** An instant to record (ISO 8601 or anything Date parses) from 1970 to 2100; message `invalid_date`. */
export const instantField = () =>
  z.coerce.date({ message: 'invalid_date' }).refine(isRecordableInstant, 'invalid_date');

/** Whether a date is one instantField accepts (refinements of a whole object check it before comparing). */
export function isRecordableInstant(d: Date): boolean {
  return !Number.isNaN(d.getTime()) && d.getTime() >= EARLIEST_INSTANT_MS && d.getTime() <= LATEST_INSTANT_MS;
}
