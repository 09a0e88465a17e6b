import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { changeStatus, signInAndLand } from './helpers';
import { escapeRegExp, zh, zhRe } from './messages';

/** The seeded article about the 7-day return, as its file titles it (the seed is the data shown). */
const RETURN_SLUG = 'seven-day-return';
const RETURN_TITLE = /^title:\s*(.+)$/m
  .exec(
    fs.readFileSync(path.join(process.cwd(), 'db', 'seed', 'help', 'articles', `${RETURN_SLUG}.zh-CN.md`), 'utf8'),
  )![1]!
  .trim();

test("a customer writing a return request sees a help article and their order's return window beside it, opens it, submits anyway; a supervisor sees it in the help section of the reports", async ({
  page,
  browser,
}) => {
  // Three browsers (agent, customer, supervisor) and a new tab: longer than the default budget.
  test.setTimeout(180_000);
  const phone = `136${String(Date.now()).slice(-8)}`;
  // A delivered order for the demo customer's phone, recorded today: the 7-day window is open.
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await page.goto('/desk/orders/new');
  await page.locator('#customerName').fill('王小明');
  await page.locator('#customerPhone').fill(phone);
  await page.locator('#sku-0').fill('EB-AIR3');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
  const orderNo = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await changeStatus(page, 'paid');
  await changeStatus(page, 'shipped', 'SF100200301');
  await changeStatus(page, 'delivered');

  const cctx = await browser.newContext();
  const customer = await cctx.newPage();
  await signInAndLand(customer, 'customer@example.com', /\/portal$/);
  await customer.goto('/portal/orders');
  await customer.getByTestId('claim-order').click();
  await customer.locator('#claim-order-no').fill(orderNo);
  await customer.locator('#claim-contact').fill(phone);
  await customer
    .getByRole('dialog')
    .getByRole('button', { name: zh('portalOrders.claim') })
    .click();
  await expect(customer.getByTestId(`portal-order-${orderNo}`)).toBeVisible();

  // The request form: the order and "changed my mind", then the customer writes what is wrong.
  await customer.goto('/portal/cases/new');
  await customer.locator('#pick-order').selectOption(orderNo);
  await customer.locator('#pick-reason').selectOption('no_reason');
  await customer.getByTestId('case-continue').click();
  const panel = customer.getByTestId('request-suggestions');
  // The policy engine's answer for this order stands beside the suggestions.
  await expect(panel.getByTestId('request-policy')).toContainText(orderNo);
  await expect(panel.getByTestId('request-policy')).toContainText(zhRe('cases.policy.no_reason_until'));
  await customer.locator('#case-description').fill('尺码不合适想退货');
  const article = panel.getByTestId('suggested-article').filter({ hasText: RETURN_TITLE });
  await expect(article).toBeVisible();
  await expect(article).toHaveAttribute('href', new RegExp(`^/help/${RETURN_SLUG}\\?from=request&s=[0-9a-f-]{36}$`));
  await expect(article).toHaveAttribute('target', '_blank');
  await expect(panel.getByTestId('deflection-note')).toHaveText(zh('helpSuggest.deflect'));

  // The article opens in a new tab; the request form stays as it was.
  const [tab] = await Promise.all([cctx.waitForEvent('page'), article.click()]);
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(RETURN_TITLE);
  await expect(customer.locator('#case-description')).toHaveValue('尺码不合适想退货');

  // The customer still submits: the request is opened (and counted as "still submitted").
  await customer.getByLabel(/轻羽 Air3 无线降噪耳机/).check();
  await customer.getByTestId('submit-case').click();
  await expect(customer).toHaveURL(/\/portal\/cases\/AS-\d{8}-\d+$/);
  await cctx.close();

  // The supervisor's reports: the help section with the suggestion shown and still submitted,
  // and the article the customer opened among the top articles, linking to its public page.
  const sctx = await browser.newContext();
  const supervisor = await sctx.newPage();
  await signInAndLand(supervisor, 'supervisor@example.com', /\/desk$/);
  await supervisor.goto('/desk/reports');
  const help = supervisor.getByTestId('help-section');
  await expect(help.getByRole('heading', { name: zh('reports.help.title') })).toBeVisible();
  // "Still submitted: N": at least this customer's request (others' specs may add theirs).
  const submittedLabel = zh('reports.help.requestSubmitted').split('{count}')[0]!;
  await expect(help.getByTestId('kpi-help-request-deflection')).toContainText(
    new RegExp(`${escapeRegExp(submittedLabel)}[1-9]`),
  );
  await expect(help.getByTestId('kpi-help-view-deflection')).toContainText(zh('reports.help.viewDeflectionHint'));
  await expect(help.getByTestId('help-top-articles').getByRole('link', { name: RETURN_TITLE })).toHaveAttribute(
    'href',
    `/help/${RETURN_SLUG}`,
  );
  await sctx.close();
});
