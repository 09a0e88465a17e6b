import { expect, type Page } from '@playwright/test';

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
