import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { MAIL_FILE } from './e2e/mail';

/**
 * End-to-end tests drive Debian's Chromium against the production build (`next build` + `next
 * start`) on its own throw-away embedded database, so they never touch the demo's data.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  throw new Error(
    `No Chromium found at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3125);

const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // Customer e-mail goes over real SMTP to this sink.
      command: 'node e2e/smtp-sink.mjs',
      port: SMTP_PORT,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_MAIL_FILE: MAIL_FILE },
    },
    {
      command: 'npm run demo -- --fresh',
      url: `${baseURL}/api/health/ready`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        DATA_DIR: '.data/e2e',
        PGLITE_DIR: '.data/e2e/pglite',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        APP_URL: baseURL,
      },
    },
  ],
});
