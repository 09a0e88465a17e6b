import { expect, type Page } from '@playwright/test';
import { zh } from './messages';

export const DEMO_PASSWORD = 'afterdesk-demo';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
}

export async function signInAndLand(page: Page, email: string, path: RegExp) {
  await signIn(page, email);
  await expect(page).toHaveURL(path);
}

/** Moves an order along its lifecycle from the order page's status dialog (zh-CN UI). */
export async function changeStatus(page: Page, to: string, tracking?: string) {
  await page.getByTestId('change-status').click();
  await page.locator('#status-to').selectOption(to);
  if (tracking) await page.locator('#status-tracking').fill(tracking);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: zh('common.confirm') })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();
}
