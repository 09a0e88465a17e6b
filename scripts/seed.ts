/**
 * npm run db:seed [-- --size small|medium|large] [--agents N] [--customers N] [--orders N] [--seed N]
 * Deterministic and idempotent demo data (see db/seed/index.ts).
 */
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SEED_SIZES, seedDatabase, type SeedSize } from '@/db/seed';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000)
    throw new Error(`--${name} must be a whole number between 0 and 10000000`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      agents: { type: 'string' },
      customers: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!(values.size! in SEED_SIZES)) throw new Error(`--size must be one of: ${Object.keys(SEED_SIZES).join(', ')}`);
  const preset = SEED_SIZES[values.size as SeedSize];
  const options = {
    agents: positiveInt('agents', values.agents, preset.agents),
    customers: positiveInt('customers', values.customers, preset.customers),
    orders: positiveInt('orders', values.orders, preset.orders),
    // An explicit --orders always adds that many; the size preset only fills an empty database.
    appendOrders: values.orders !== undefined,
    seed: positiveInt('seed', values.seed, 20261124),
  };
  const handle = await connectAndMigrate();
  const started = Date.now();
  const report = await seedDatabase(handle.db, options);
  console.log(
    `Seeded ${handle.kind} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.usersCreated} users, ${report.teamsCreated} teams and ${report.ordersCreated} orders created (existing rows kept).`,
  );
  console.log(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Seeding failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
