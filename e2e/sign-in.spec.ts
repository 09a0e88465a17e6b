import { expect, test } from '@playwright/test';
import { signIn, signInAndLand } from './helpers';

test.describe('each role lands on its own shell and no other', () => {
  for (const { email, home, heading, forbidden } of [
    { email: 'customer@example.com', home: /\/portal$/, heading: /您好/, forbidden: ['/desk', '/admin'] },
    { email: 'agent@example.com', home: /\/desk$/, heading: /欢迎回来/, forbidden: ['/admin', '/portal'] },
    { email: 'supervisor@example.com', home: /\/desk$/, heading: /欢迎回来/, forbidden: ['/admin', '/portal'] },
    { email: 'admin@example.com', home: /\/admin$/, heading: /系统管理/, forbidden: ['/desk', '/portal'] },
  ]) {
    test(email, async ({ page }) => {
      await signInAndLand(page, email, home);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('navigation', { name: '主导航' }).first()).toBeVisible();
      for (const path of forbidden) {
        const response = await page.goto(path);
        expect(response?.status(), `${email} opening ${path}`).toBe(404);
        await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
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
  await expect(page.getByTestId('sign-in-error')).toHaveText('邮箱或密码错误。');
  await expect(page.locator('#email')).toHaveValue('agent@example.com');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a malformed e-mail gets a field error without a round trip to the database', async ({ page }) => {
  await signIn(page, 'not-an-email', 'x');
  await expect(page.locator('#email-error')).toHaveText('请输入有效的邮箱地址。');
});

test('the language switch changes the page and is remembered', async ({ page }) => {
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('欢迎回来');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Good to see you');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Good to see you');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await expect(page.getByText('You have been signed out.')).toBeVisible();
});
