import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { Ctx } from '@/lib/context';
import { getRequestContext } from '@/lib/context/request';
import { AppError, ValidationError } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import { requestLogger } from '@/lib/log';
import { asServiceUnavailable, currentOutage } from '@/lib/outage';

/**
 * What every server action returns to its form. Messages are already translated on the server,
 * in the request's language, so client components only display them.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

/**
 * Runs one lib verb for a server action: builds the request context, maps expected failures
 * (AppError) to a translated result, and logs anything else as a bug behind a generic message.
 * Authorisation is not done here — the verb does it (DESIGN §5).
 */
export async function runAction<T>(
  verb: (ctx: Ctx) => Promise<T>,
  onSuccess?: (data: T) => string | undefined | Promise<string | undefined>,
): Promise<ActionResult<T>> {
  const t = await getT();
  // The database is known to be down: say so at once rather than after a timeout. The form keeps
  // what the user typed; the same submit works again once the database is back.
  if (currentOutage()) return unavailableResult(t);
  let ctx: Ctx;
  try {
    ctx = await getRequestContext(); // reads the session from the database
  } catch (err) {
    if (asServiceUnavailable(err)) return unavailableResult(t);
    throw err;
  }
  try {
    const data = await verb(ctx);
    return { ok: true, data, message: onSuccess ? await onSuccess(data) : undefined };
  } catch (err) {
    unstable_rethrow(err); // let Next.js redirects and notFound() through
    const unavailable = asServiceUnavailable(err);
    if (unavailable) {
      requestLogger(ctx.requestId).warn({ reason: unavailable.reason }, 'database unavailable: action refused');
      return unavailableResult(t);
    }
    if (err instanceof ValidationError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(err.fieldErrors).map(([field, codes]) => [
          field,
          t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')),
        ]),
      );
      return {
        ok: false,
        code: err.code,
        message: t.dynamic(`errors.${err.code}`, err.params, t('errors.invalid_input')),
        fieldErrors,
      };
    }
    if (err instanceof AppError) {
      return { ok: false, code: err.code, message: t.dynamic(`errors.${err.code}`, err.params, t('errors.generic')) };
    }
    const e = err as Error;
    requestLogger(ctx.requestId).error(
      { err: { name: e?.name, message: e?.message, stack: e?.stack } },
      'action failed',
    );
    return { ok: false, code: 'generic', message: t('errors.generic') };
  }
}

function unavailableResult(t: Awaited<ReturnType<typeof getT>>): ActionResult<never> {
  return { ok: false, code: 'service_unavailable', message: t('errors.service_unavailable') };
}

/** FormData → plain object for zod; fields named `x[]` become arrays. Files are left to their verbs. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const list = Array.isArray(out[name]) ? (out[name] as unknown[]) : [];
      list.push(value);
      out[name] = list;
    } else {
      out[key] = value;
    }
  }
  return out;
}
