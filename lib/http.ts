import 'server-only';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '@/lib/errors';
import type { Translate } from '@/lib/i18n/translate';
import { requestLogger } from '@/lib/log';
import { asServiceUnavailable } from '@/lib/outage';

/** HTTP status for each kind of expected failure; anything else is a 500. */
export function statusOf(err: unknown): number {
  if (err instanceof UnauthenticatedError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  if (err instanceof ValidationError) return 422;
  if (err instanceof RateLimitedError) return 429;
  // Before AppError: an unreachable database is not the request's fault (and not a bug either).
  if (asServiceUnavailable(err)) return 503;
  if (err instanceof AppError) return 422;
  return 500;
}

/**
 * A JSON error body for route handlers: `{ error: { code, message, fields? } }`. Messages are
 * translated when a translator is given (browser routes) and plain English codes otherwise (API).
 */
export function errorResponse(err: unknown, opts: { t?: Translate; requestId?: string | null } = {}): Response {
  const unavailable = asServiceUnavailable(err);
  if (unavailable) {
    // Expected during an outage, and already logged once by the availability watcher.
    requestLogger(opts.requestId).warn({ reason: unavailable.reason }, 'database unavailable: answered 503');
    const message = opts.t ? opts.t('errors.service_unavailable') : unavailable.code;
    return Response.json(
      { error: { code: unavailable.code, message } },
      { status: 503, headers: { 'Retry-After': String(unavailable.retryAfterSeconds), 'Cache-Control': 'no-store' } },
    );
  }
  const status = statusOf(err);
  if (status === 500) {
    const e = err as Error;
    requestLogger(opts.requestId).error(
      { err: { name: e?.name, message: e?.message, stack: e?.stack } },
      'request failed',
    );
    return Response.json(
      { error: { code: 'internal', message: opts.t ? opts.t('errors.generic') : 'Internal error' } },
      { status },
    );
  }
  const app = err as AppError;
  const t = opts.t;
  const message = t ? t.dynamic(`errors.${app.code}`, app.params, t('errors.generic')) : app.code;
  const body: { code: string; message: string; fields?: Record<string, string[]> } = { code: app.code, message };
  if (err instanceof ValidationError) body.fields = err.fieldErrors;
  const headers: Record<string, string> = {};
  if (err instanceof RateLimitedError) headers['Retry-After'] = String(Number(app.params.minutes ?? 1) * 60);
  return Response.json({ error: body }, { status, headers });
}
