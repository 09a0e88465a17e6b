/**
 * Adds after-sales cases to an already seeded database (for the queue benchmark):
 *   DATABASE_URL=… npx tsx bench/seed-cases.ts [share]    (share of delivered orders, default 0.35)
 */
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { seedCases } from '@/db/seed/cases';

async function main() {
  const { db, kind } = await connectAndMigrate();
  const started = Date.now();
  const n = await seedCases(db, { share: Number(process.argv[2] ?? 0.35) });
  console.log(`${kind}: ${n} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await closeDb();
}

main().catch(async (err) => {
  console.error(err);
  await closeDb().catch(() => {});
  process.exit(1);
});
