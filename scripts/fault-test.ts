/**
 * The data-safety fault test (issue #15), run by .ci/run on each database:
 *   writers push orders through the channel API → kill -9 of the app mid-write → restart →
 *   a backup made while the writers go on → restore into a new database → backup:verify.
 * It fails unless every acknowledged write is in the live database after the crash, and every
 * write acknowledged before the backup started is in the restored copy.
 *
 *   npx tsx --conditions=react-server scripts/fault-test.ts            (embedded database)
 *   DATABASE_URL=postgres://…/fresh_db npx tsx … scripts/fault-test.ts (PostgreSQL; the database
 *   must exist and be empty; the restore target is created beside it and dropped)
 * Needs the built app (npm run build). Traffic goes to 127.0.0.1 only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { closeDb, openPglite, openPostgres, type DbHandle } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { orders, products, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDatabase, SEED_SIZES } from '@/db/seed';
import { createApiKey } from '@/lib/api-keys';
import { createSession, loadActorBySession } from '@/lib/auth/sessions';
import { freePort } from '@/lib/backup/app-check';

const root = process.cwd();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-fault-'));
const baseUrl = process.env.DATABASE_URL || undefined;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: path.join(work, 'data'),
  PGLITE_DIR: path.join(work, 'data', 'pglite'),
  DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64'),
  JOBS: 'off',
  LOG_LEVEL: 'warn',
};
Object.assign(process.env, env);

const log = (msg: string) => console.log(`[fault-test ${baseUrl ? 'postgres' : 'pglite'}] ${msg}`);
function fail(msg: string): never {
  console.error(`[fault-test] FAILED: ${msg}`);
  process.exit(1);
}

async function prepare(): Promise<{ key: string; sku: string }> {
  const handle = await connectAndMigrate();
  await seedDatabase(handle.db, { ...SEED_SIZES.small, orders: 20 });
  const admin = (
    await handle.db
      .select()
      .from(users)
      .where(eq(users.email, DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email))
  )[0]!;
  const actor = await loadActorBySession(handle.db, await createSession(handle.db, admin.id, { ip: '127.0.0.1' }));
  const { key } = await createApiKey({
    ctx: { actor, ip: '127.0.0.1', requestId: 'fault-test' },
    input: { name: 'fault test', scopes: ['orders:write'] },
  });
  const [product] = await handle.db.select({ sku: products.sku }).from(products).limit(1);
  await closeDb();
  return { key, sku: product!.sku };
}

function startApp(port: number): ChildProcess {
  return spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...env, NODE_ENV: 'production' },
    stdio: 'ignore',
  });
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail('the app did not become ready');
}

/** Four writers; an order counts once the API answered 201, with the time of that answer. */
function startWriters(port: number, key: string, sku: string) {
  const acknowledged = new Map<string, number>();
  let n = 0;
  let errors = 0;
  let running = true;
  const one = async () => {
    while (running) {
      const externalId = `FAULT-${process.pid}-${++n}`;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            channel: 'tmall',
            externalId,
            status: 'paid',
            customer: { name: '故障测试', phone: `139${String(n).padStart(8, '0')}` },
            items: [{ sku, quantity: 1 }],
          }),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 201) acknowledged.set(externalId, Date.now());
        else errors++;
      } catch {
        errors++; // the app is down (killed, restarting): not acknowledged, not counted
        await new Promise((r) => setTimeout(r, 100));
      }
      // Stay under the key's 600 requests a minute.
      await new Promise((r) => setTimeout(r, 400));
    }
  };
  const done = Promise.all([one(), one(), one(), one()]);
  return {
    acknowledged,
    errors: () => errors,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(
  args: string[],
  extraEnv: Record<string, string | undefined> = {},
): { status: number | null; out: string } {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function missingFrom(handle: DbHandle, ids: string[]): Promise<string[]> {
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await handle.db
      .select({ id: orders.externalId })
      .from(orders)
      .where(inArray(orders.externalId, ids.slice(i, i + 500)));
    for (const r of rows) if (r.id) present.add(r.id);
  }
  return ids.filter((id) => !present.has(id));
}

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) fail('build the app first (npm run build)');
  const { key, sku } = await prepare();
  const port = await freePort();

  let app = startApp(port);
  await waitReady(port, app);
  const writers = startWriters(port, key, sku);
  await sleep(4000);
  app.kill('SIGKILL');
  await new Promise((r) => app.once('exit', r));
  const beforeCrash = writers.acknowledged.size;
  log(`kill -9 of the app after ${beforeCrash} acknowledged writes`);
  await sleep(1000);
  app = startApp(port);
  await waitReady(port, app);
  await sleep(3000);

  const archive = path.join(work, 'backups', 'fault.tar.gz');
  const backupStarted = Date.now();
  const backup = run(['scripts/backup.ts', '--out', archive]);
  if (backup.status !== 0) fail(`backup during writes: ${backup.out}`);
  await sleep(2000);
  await writers.stop();
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  const all = [...writers.acknowledged.keys()];
  const beforeBackup = [...writers.acknowledged].filter(([, at]) => at < backupStarted).map(([id]) => id);
  log(
    `${all.length} writes acknowledged (${writers.errors()} refused or lost while the app was down), ${beforeBackup.length} before the backup started`,
  );

  const live = baseUrl ? openPostgres(baseUrl, { max: 2 }) : await openPglite(env.PGLITE_DIR!);
  const lostLive = await missingFrom(live, all);
  await live.close();
  if (lostLive.length)
    fail(
      `${lostLive.length} acknowledged writes missing after kill -9 and restart: ${lostLive.slice(0, 5).join(', ')}`,
    );
  log('0 acknowledged writes missing from the live database after kill -9 and restart');

  const verify = run(['scripts/backup-verify.ts', archive]);
  if (verify.status !== 0) fail(`backup:verify: ${verify.out}`);
  log(
    verify.out
      .trim()
      .split('\n')
      .filter((l) => /Restored|health|Verified/.test(l))
      .join(' / '),
  );

  // Restore into a new place, as an operator would after losing the machine.
  let targetUrl: string | undefined;
  let admin: DbHandle | undefined;
  const target: Record<string, string | undefined> = {
    DATA_DIR: path.join(work, 'restored'),
    PGLITE_DIR: path.join(work, 'restored', 'pglite'),
  };
  if (baseUrl) {
    admin = openPostgres(baseUrl, { max: 1 });
    const name = `afterdesk_fault_restore_${randomBytes(4).toString('hex')}`;
    await admin.db.execute(sql.raw(`create database ${name}`));
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    targetUrl = u.toString();
    target.DATABASE_URL = targetUrl;
  }
  try {
    const restore = run(['scripts/restore.ts', archive], target);
    if (restore.status !== 0) fail(`restore: ${restore.out}`);
    const restored = targetUrl ? openPostgres(targetUrl, { max: 2 }) : await openPglite(target.PGLITE_DIR!);
    const lostRestored = await missingFrom(restored, beforeBackup);
    await restored.close();
    if (lostRestored.length)
      fail(
        `${lostRestored.length} writes acknowledged before the backup are missing from the restore: ${lostRestored.slice(0, 5).join(', ')}`,
      );
    log(`restored copy: 0 of ${beforeBackup.length} writes acknowledged before the backup missing`);
  } finally {
    if (admin && targetUrl) {
      await admin.db
        .execute(sql.raw(`drop database if exists ${new URL(targetUrl).pathname.slice(1)} with (force)`))
        .catch(() => {});
      await admin.close();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
  log('passed');
}

main().catch((err: Error) => fail(err.stack ?? err.message));
