import { connectAndMigrate } from '@/db/connect';
import { startBackupRequestWatcher } from '@/lib/backup/requests';
import { ensureAuthSecret, env } from '@/lib/env';
import { keepHelpPagesCurrent } from '@/lib/help/page-cache-feed';
import { publicUrlWarning } from '@/lib/env/public-url';
import { startJobRunner } from '@/lib/jobs/runner';
import { logger } from '@/lib/log';
import { installClientAddressStamp } from '@/lib/security/client-address';

/**
 * Validates the environment and brings the database schema up to date before the first request,
 * so a bad setting or an unreachable database fails loudly at boot instead of on some later click.
 */
export async function startServer(): Promise<void> {
  try {
    const e = env();
    // First, before any request is served: the client address comes from the socket (see the module).
    installClientAddressStamp(e.TRUSTED_PROXIES);
    ensureAuthSecret();
    const urlWarning = publicUrlWarning();
    if (urlWarning) logger.warn(urlWarning);
    const handle = await connectAndMigrate();
    logger.info({ database: handle.kind }, 'database ready');
    startJobRunner();
    keepHelpPagesCurrent();
    // npm run backup / backup:verify hand their work to this process while it holds the embedded database.
    startBackupRequestWatcher(handle);
  } catch (err) {
    const e = err as Error;
    logger.fatal({ err: { name: e.name, message: e.message } }, 'startup failed');
    console.error(`\nAfterDesk could not start: ${e.message}\n`);
    process.exit(1);
  }
}
