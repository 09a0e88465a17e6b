/**
 * npm run demo — the one command a new user runs: prepares the embedded database (migrate, seed
 * demo data when empty), builds the app when the sources changed, and serves it on PORT (3000).
 * Works the same with DATABASE_URL set. A second run keeps all data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDatabase, SEED_SIZES } from '@/db/seed';
import { dataDir, ensureAuthSecret, env, pgliteDir } from '@/lib/env';
import { buildIfNeeded, startServer, waitUntilReady } from './app-server';

async function prepareDatabase() {
  const handle = await connectAndMigrate();
  if (await isEmpty(handle.db)) {
    const report = await seedDatabase(handle.db, SEED_SIZES.small);
    console.log(
      `Demo data loaded: ${report.usersCreated} users, ${report.teamsCreated} teams, ${report.ordersCreated} orders.`,
    );
  } else {
    console.log('Existing data kept (nothing re-seeded).');
  }
  // Release the embedded database before the server opens it: one process per data directory.
  await closeDb();
}

/**
 * `--fresh` starts from an empty database (used by the end-to-end tests). It refuses to wipe the
 * default data directory, so a user's demo data can never be lost by a stray flag.
 */
function wipeIfFresh() {
  if (!process.argv.includes('--fresh')) return;
  if (!process.env.DATA_DIR || path.resolve(process.env.DATA_DIR) === path.resolve('.data')) {
    throw new Error('--fresh needs DATA_DIR pointing at a throw-away directory (not .data)');
  }
  fs.rmSync(dataDir(), { recursive: true, force: true });
  if (process.env.PGLITE_DIR) fs.rmSync(pgliteDir(), { recursive: true, force: true });
}

async function main() {
  env();
  wipeIfFresh();
  const secret = ensureAuthSecret();
  await prepareDatabase();

  buildIfNeeded({ ...process.env, AUTH_SECRET: secret });

  const port = process.env.PORT || '3000';
  const url = `http://localhost:${port}`;
  const server = startServer(port, { ...process.env, AUTH_SECRET: secret });
  const stop = (signal: NodeJS.Signals) => {
    server.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));

  if (await waitUntilReady(url, server)) {
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    console.log(`\n  AfterDesk is running at ${url}\n`);
    console.log(`  Demo accounts (password: ${DEMO_PASSWORD})`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.email.padEnd(width)}  ${a.role}`);
    console.log(`\n  Press Ctrl+C to stop.\n`);
  }
}

main().catch(async (err: Error) => {
  console.error(`\nAfterDesk demo could not start: ${err.message}\n`);
  await closeDb().catch(() => {});
  process.exit(1);
});
