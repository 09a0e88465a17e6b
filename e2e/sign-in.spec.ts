import { expect, test } from '@playwright/test';
import { signIn, signInAndLand } from './helpers';
import { enRe, enT, zh, zhRe } from './messages';

test.describe('each role lands on its own shell and no other', () => {
  for (const { email, home, heading, forbidden } of [
    {
      email: 'customer@example.com',
      home: /\/portal$/,
      heading: zhRe('portal.homeTitle'),
      forbidden: ['/desk', '/admin'],
    },
    { email: 'agent@example.com', home: /\/desk$/, heading: zhRe('desk.homeTitle'), forbidden: ['/admin', '/portal'] },
    {
      email: 'supervisor@example.com',
      home: /\/desk$/,
      heading: zhRe('desk.homeTitle'),
      forbidden: ['/admin', '/portal'],
    },
    { email: 'admin@example.com', home: /\/admin$/, heading: zhRe('admin.homeTitle'), forbidden: ['/desk', '/portal'] },
  ]) {
    test(email, async ({ page }) => {
      await signInAndLand(page, email, home);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('navigation', { name: zh('shell.mainNavigation') }).first()).toBeVisible();
      for (const path of forbidden) {
        const response = await page.goto(path);
        expect(response?.status(), `${email} opening ${path}`).toBe(404);
        await expect(page.getByText(zh('errors.notFoundTitle'), { exact: true })).toBeVisible();
      }
    });
  }
});

test('an anonymous visitor is sent to sign-in and returned afterwards', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fusers/);
  await page.locator('#email').fill('admin@example.com');
  await page.locator('#password').fill('afterdesk-demo');
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test('a wrong password shows an error and keeps the e-mail', async ({ page }) => {
  await signIn(page, 'agent@example.com', 'not-the-password');
  await expect(page.getByTestId('sign-in-error')).toHaveText(zh('errors.invalid_credentials'));
  await expect(page.locator('#email')).toHaveValue('agent@example.com');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a malformed e-mail gets a field error without a round trip to the database', async ({ page }) => {
  await signIn(page, 'not-an-email', 'x');
  await expect(page.locator('#email-error')).toHaveText(zh('validation.invalid_email'));
});

test('the language switch changes the page and is remembered', async ({ page }) => {
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(zhRe('desk.homeTitle'));
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(enRe('desk.homeTitle'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(enRe('desk.homeTitle'));
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await expect(page.getByText(enT('auth.signedOut'))).toBeVisible();
});
