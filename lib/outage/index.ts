import 'server-only';
import { classifyDatabaseError } from '@/db/outage';
import { ServiceUnavailableError } from '@/lib/errors';
import { databaseOutage, RETRY_AFTER_SECONDS } from './state';

export { RETRY_AFTER_SECONDS };

/**
 * The 503 behind an error: a ServiceUnavailableError as is, a driver or guard error that means
 * the database is unreachable (db/outage.ts) as a new one; null for every other error.
 */
export function asServiceUnavailable(err: unknown): ServiceUnavailableError | null {
  if (err instanceof ServiceUnavailableError) return err;
  const outage = classifyDatabaseError(err);
  return outage ? new ServiceUnavailableError(outage.reason, RETRY_AFTER_SECONDS) : null;
}

/** A ServiceUnavailableError while this process knows the database to be down, else null. */
export function currentOutage(): ServiceUnavailableError | null {
  const down = databaseOutage();
  return down ? new ServiceUnavailableError(down.reason, RETRY_AFTER_SECONDS) : null;
}
