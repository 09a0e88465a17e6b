import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy';
import { zh, zhRe } from './messages';

/**
 * A database outage as users and load balancers see it. The end-to-end server runs on PGlite,
 * which cannot go away, so this spec starts a second `next start` of the same build on a fresh
 * PostgreSQL database reached through a relay on loopback that the test cuts (server gone) and
 * freezes (server hung), then restores.
 */
const PORT = Number(process.env.E2E_OUTAGE_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TIMEOUT_SECONDS = 2;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

let admin: postgres.Sql;
let database: string;
let relay: TcpProxy;
let server: ChildProcess;
let serverLog = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  database = `afterdesk_outage_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database ${database}`);
  const pg = new URL(ADMIN_URL);
  relay = await startTcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
  const target = new URL(ADMIN_URL);
  target.pathname = `/${database}`;
  const inherited = { ...process.env };
  delete inherited.PGLITE_DIR;
  server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(PORT)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: relay.url(target.toString()),
      DATABASE_CONNECT_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
      DATA_DIR: '.data/e2e-outage',
      // Fixed test values: the app refuses to start on PostgreSQL without them.
      DATA_ENCRYPTION_KEY: 'YWZ0ZXJkZXNrLW91dGFnZS1lMmUtdGVzdC1rZXkhISE=',
      AUTH_SECRET: 'afterdesk-outage-e2e-secret-0123456789abcdef',
      APP_URL: BASE,
      JOBS: 'off',
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
    },
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    serverLog = (serverLog + chunk.toString()).slice(-8000);
  });
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health/ready`).catch(() => null))?.status ?? 0, {
      timeout: 90_000,
      message: `the second server did not become ready:\n${serverLog}`,
    })
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await relay?.close();
  await admin?.unsafe(`drop database if exists ${database} with (force)`);
  await admin?.end();
});

async function timedGet(url: string): Promise<{ res: Response; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${BASE}${url}`, { redirect: 'manual', headers: { 'accept-language': 'zh-CN' } });
  return { res, ms: Date.now() - started };
}

async function readiness() {
  const res = await fetch(`${BASE}/api/health/ready`);
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

async function expectRecovery() {
  await relay.restore();
  await expect.poll(async () => (await readiness()).status, { timeout: 15_000 }).toBe(200);
  // Pages are served again (an anonymous visitor to the desk is sent to sign-in, as usual) …
  const desk = await timedGet('/desk');
  expect(desk.res.status).toBe(307);
  expect(desk.res.headers.get('location')).toContain('/sign-in');
}

test('server gone: pages answer 503 with Retry-After at once, health says why, and it recovers', async ({ page }) => {
  await relay.cut();

  // A load balancer's readiness check notices first and names the reason, not the database.
  await expect.poll(async () => (await readiness()).body.reason, { timeout: 10_000 }).toBe('database_unreachable');
  const ready = await readiness();
  expect(ready.status).toBe(503);
  expect(ready.retryAfter).toBe('15');
  const body = JSON.stringify(ready.body);
  for (const secret of ['postgres://', '127.0.0.1', String(relay.port), database]) expect(body).not.toContain(secret);

  // Liveness never touches the database.
  expect((await timedGet('/api/health')).res.status).toBe(200);

  const desk = await timedGet('/desk');
  expect(desk.res.status).toBe(503);
  expect(desk.res.headers.get('retry-after')).toBe('15');
  expect(desk.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);
  expect(await desk.res.text()).toContain(zh('errors.unavailableTitle'));

  const api = await fetch(`${BASE}/api/v1/orders`, { method: 'POST', body: '{}' });
  expect(api.status).toBe(503);
  expect(api.headers.get('retry-after')).toBe('15');
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');

  // What a person sees: a finished page in their language that keeps the address and retries.
  const response = await page.goto('/desk/cases');
  expect(response?.status()).toBe(503);
  await expect(page).toHaveURL(/\/desk\/cases$/);
  await expect(page.getByText(zh('errors.unavailableTitle'), { exact: true })).toBeVisible();
  await expect(page.getByText(zhRe('errors.unavailableHint'))).toBeVisible();
  await expect(page.getByRole('status')).toContainText(zhRe('errors.unavailableRetryIn'));
  await expect(page.getByTestId('unavailable-retry')).toBeEnabled();

  await expectRecovery();
  // … and the database answers for real: a sign-in attempt is checked against the users table.
  await page.goto('/sign-in');
  await page.locator('#email').fill('nobody@example.com');
  await page.locator('#password').fill('not-the-password');
  await page.locator('form button[type=submit]').click();
  await expect(page.getByText(zh('errors.invalid_credentials'))).toBeVisible();
});

test('server hung: requests stop waiting within seconds, health says database_timeout', async () => {
  relay.freeze();

  // The readiness check is bounded by the connect timeout even though the link swallows everything.
  const started = Date.now();
  const first = await readiness();
  expect(Date.now() - started).toBeLessThan(TIMEOUT_SECONDS * 1000 + 2000);
  expect(first.status).toBe(503);
  expect(first.body.reason).toBe('database_timeout');

  await expect.poll(async () => (await timedGet('/desk')).res.status, { timeout: 10_000 }).toBe(503);
  const desk = await timedGet('/desk');
  expect(desk.ms).toBeLessThan(1000);
  expect(desk.res.headers.get('retry-after')).toBe('15');
  expect((await timedGet('/api/health')).res.status).toBe(200);

  await expectRecovery();
});
