import 'server-only';
import { getDb } from '@/db/client';
import { enqueueJob } from '@/lib/jobs/queue';

/**
 * After an import: the report rollups of the days it touched (already marked dirty, in the same
 * transactions as the rows) are recomputed by the rollup job, asked to run now rather than at its
 * next minute. Recomputing is a per-day cost — about a second a day at a million orders — so a
 * two-year history would otherwise hold the import open for many minutes after its last row;
 * this way the import ends when its data is in, and the reports follow shortly after.
 */
export async function scheduleRollupRefresh(): Promise<void> {
  await enqueueJob(await getDb(), 'analytics.rollup', { reason: 'import' });
}
