/**
 * Expected failures of a verb. Each carries a stable `code` that the UI translates
 * (messages: errors.<code>), and optional `params` for the message and per-field errors.
 * Anything that is not an AppError is a bug: it is logged and shown as a generic message.
 */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

/** No signed-in actor. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super('unauthenticated');
  }
}

/** Signed in, but the role lacks the permission. */
export class ForbiddenError extends AppError {
  constructor(readonly permission?: string) {
    super('forbidden', `missing permission ${permission ?? ''}`.trim());
  }
}

/** Missing, or not visible to this actor: the two are deliberately indistinguishable. */
export class NotFoundError extends AppError {
  constructor(entity = 'record') {
    super('not_found', `${entity} not found`, { entity });
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    code = 'invalid_input',
  ) {
    super(code);
  }
}

/** The record changed since the user loaded it (optimistic concurrency). */
export class ConflictError extends AppError {
  constructor(code = 'stale_version') {
    super(code);
  }
}

/**
 * The optimistic-version check every edit makes: the form carried the version it showed; if the
 * row has moved on since, someone else changed it and the edit is refused (stale_version) rather
 * than silently overwriting. An `expected` of undefined (an API call without a version) skips it.
 */
export function expectVersion(actual: number | undefined, expected: number | undefined): void {
  if (expected !== undefined && actual !== expected) throw new ConflictError();
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', undefined, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/**
 * The service cannot answer right now (the database is unreachable or too slow): HTTP 503 with
 * Retry-After. Nothing is wrong with the request; the same request should work again shortly.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    readonly reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super('service_unavailable', `service unavailable: ${reason}`, { seconds: retryAfterSeconds });
  }
}
