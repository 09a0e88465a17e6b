import { connectAndMigrate } from '@/db/connect';
import { ensureAuthSecret, env } from '@/lib/env';
import { startJobRunner } from '@/lib/jobs/runner';
import { logger } from '@/lib/log';

/**
 * Validates the environment and brings the database schema up to date before the first request,
 * so a bad setting or an unreachable database fails loudly at boot instead of on some later click.
 */
export async function startServer(): Promise<void> {
  try {
    env();
    ensureAuthSecret();
    const handle = await connectAndMigrate();
    logger.info({ database: handle.kind }, 'database ready');
    startJobRunner();
  } catch (err) {
    const e = err as Error;
    logger.fatal({ err: { name: e.name, message: e.message } }, 'startup failed');
    console.error(`\nAfterDesk could not start: ${e.message}\n`);
    process.exit(1);
  }
}
