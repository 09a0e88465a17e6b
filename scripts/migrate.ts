/** npm run db:migrate — applies pending migrations to the configured database and exits. */
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';

async function main() {
  const handle = await connectAndMigrate();
  console.log(`Migrations applied (${handle.kind}).`);
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Migration failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
