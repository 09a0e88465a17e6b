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
  await dialog.getByLabel(zh('admin.users.name')).fill('周测试');
  await dialog.getByLabel(zh('admin.users.email')).fill(email);
  await dialog.getByLabel(zh('admin.users.role')).selectOption('agent');
  await dialog.getByLabel(zh('admin.users.initialPassword')).fill('short');
  await dialog.getByRole('button', { name: zh('common.create') }).click();
  await expect(dialog.getByText(zh('validation.password_too_short'))).toBeVisible();
  await expect(dialog.getByLabel(zh('admin.users.email'))).toHaveValue(email);
  // The form clears the rejected password once the answer is rendered; type the new one after that.
  await expect(dialog.getByLabel(zh('admin.users.initialPassword'))).toHaveValue('');
  await dialog.getByLabel(zh('admin.users.initialPassword')).fill('e2e-password-1');
  await dialog.getByRole('button', { name: zh('common.create') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText(zh('roles.agent'));

  // The new agent signs in in a second browser.
  const other = await browser.newContext();
  const agentPage = await other.newPage();
  await signIn(agentPage, email, 'e2e-password-1');
  await expect(agentPage).toHaveURL(/\/desk$/);

  // The admin deactivates them, confirming first.
  await page.getByTestId(`user-actions-${email}`).click();
  await page.getByRole('menuitem', { name: zh('admin.users.deactivate') }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: zh('admin.users.deactivate') })
    .click();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText(zh('admin.users.inactive'));

  // Their very next request finds the session gone.
  await agentPage.reload();
  await expect(agentPage).toHaveURL(/\/sign-in/);
  await signIn(agentPage, email, 'e2e-password-1');
  await expect(agentPage.getByTestId('sign-in-error')).toHaveText(zh('errors.account_disabled'));
  await other.close();

  // And the audit log shows both changes.
  await page.goto('/admin/audit?entityType=user');
  await expect(page.getByRole('cell', { name: zh('auditActions.user.deactivate') }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: zh('auditActions.user.create') }).first()).toBeVisible();
});

test('a customer registers in the portal and lands in it', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel(zh('auth.name')).fill('林新客');
  await page.getByLabel(zh('auth.email')).fill(`new-${Date.now()}@example.com`);
  await page.locator('#password').fill('my-password-1');
  await page.locator('#confirmPassword').fill('my-password-2');
  await page.getByRole('button', { name: zh('auth.register') }).click();
  await expect(page.getByText(zh('validation.passwords_differ'))).toBeVisible();
  await page.locator('#password').fill('my-password-1');
  await page.locator('#confirmPassword').fill('my-password-1');
  await page.getByRole('button', { name: zh('auth.register') }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('portal.homeTitle', { name: '林新客' }));
});
