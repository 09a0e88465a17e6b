import 'server-only';
import { reofferWaitingChats } from '@/lib/chat/handling';
import { systemCtx } from '@/lib/context';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { JOB_HANDLERS } from './handlers';
import { runDueJobs, schedulePeriodicJobs } from './worker';

const TICK_MS = 5_000;
const slot = globalThis as typeof globalThis & { __afterdeskJobs?: ReturnType<typeof setInterval> };

/**
 * Starts this instance's job loop (once per process): every few seconds it queues the periodic
 * scans for their slot and runs whatever is due. Errors are logged, never thrown: the app keeps
 * serving requests whatever happens to background work.
 */
export function startJobRunner(): void {
  if (env().JOBS === 'off' || slot.__afterdeskJobs) return;
  let busy = false;
  slot.__afterdeskJobs = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        await schedulePeriodicJobs();
        // The chat offer clock needs seconds, not the minute slots of the periodic jobs.
        await reofferWaitingChats(systemCtx('job:chat.offers'));
        while ((await runDueJobs(JOB_HANDLERS)) > 0) {
          /* drain what is due */
        }
      } catch (err) {
        logger.error({ err: { message: (err as Error).message } }, 'job runner tick failed');
      } finally {
        busy = false;
      }
    })();
  }, TICK_MS);
  slot.__afterdeskJobs.unref?.();
  logger.info('job runner started');
}
