import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '@/lib/errors';

/**
 * Parses input with a zod schema, or throws a ValidationError whose field errors carry message
 * codes (`required`, `too_long` ...) that the form translates under `validation.*`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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

/** zod 4 does not report the offending input by default, so look it up to tell "missing" from "wrong". */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
