import { expect, test } from '@playwright/test';
import { signIn, signInAndLand } from './helpers';
import { zh } from './messages';

test('an admin creates a user, who signs in; deactivation ends their session at once', async ({ page, browser }) => {
  // Two browsers and a dozen page loads: more than the default budget on a busy machine.
  test.setTimeout(60_000);
  const email = `e2e-${Date.now()}@example.com`;
  await signInAndLand(page, 'admin@example.com', /\/admin$/);
  await page.goto('/admin/users');
  await page.getByTestId('new-user').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('周测试');
  await dialog.getByLabel('邮箱').fill(email);
  await dialog.getByLabel('角色').selectOption('agent');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog.getByText('至少 8 个字符。')).toBeVisible();
  await expect(dialog.getByLabel('邮箱')).toHaveValue(email);
  // The form clears the rejected password once the answer is rendered; type the new one after that.
  await expect(dialog.getByLabel('初始密码')).toHaveValue('');
  await dialog.getByLabel('初始密码').fill('e2e-password-1');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText('客服');

  // The new agent signs in in a second browser.
  const other = await browser.newContext();
  const agentPage = await other.newPage();
  await signIn(agentPage, email, 'e2e-password-1');
  await expect(agentPage).toHaveURL(/\/desk$/);

  // The admin deactivates them, confirming first.
  await page.getByTestId(`user-actions-${email}`).click();
  await page.getByRole('menuitem', { name: '停用' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '停用' }).click();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText('已停用');

  // Their very next request finds the session gone.
  await agentPage.reload();
  await expect(agentPage).toHaveURL(/\/sign-in/);
  await signIn(agentPage, email, 'e2e-password-1');
  await expect(agentPage.getByTestId('sign-in-error')).toHaveText(zh('errors.account_disabled'));
  await other.close();

  // And the audit log shows both changes.
  await page.goto('/admin/audit?entityType=user');
  await expect(page.getByRole('cell', { name: '停用用户' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '创建用户' }).first()).toBeVisible();
});

test('a customer registers in the portal and lands in it', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('姓名').fill('林新客');
  await page.getByLabel('邮箱').fill(`new-${Date.now()}@example.com`);
  await page.locator('#password').fill('my-password-1');
  await page.locator('#confirmPassword').fill('my-password-2');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('两次输入的密码不一致。')).toBeVisible();
  await page.locator('#password').fill('my-password-1');
  await page.locator('#confirmPassword').fill('my-password-1');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好,林新客');
});
