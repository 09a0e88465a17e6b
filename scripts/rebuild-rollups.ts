/**
 * npm run analytics:rebuild — recomputes every rollup from the source tables, from scratch. Needed
 * after a bulk load that bypassed the triggers, or after changing SHOP_TIMEZONE (day boundaries).
 */
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { rebuildRollups } from '@/lib/analytics/rollup';

async function main() {
  const handle = await connectAndMigrate();
  const t0 = performance.now();
  const days = await rebuildRollups();
  console.log(`Rollups rebuilt (${handle.kind}): ${days} days in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Rebuild failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
