import { expect, test } from '@playwright/test';
import { signInAndLand } from './helpers';
import { zh } from './messages';

test('an agent creates, edits and moves an order; a colleague and the customer see it change live', async ({
  page,
  browser,
}) => {
  // A whole journey across three browsers: longer than the default per-test budget.
  test.setTimeout(90_000);
  const phone = `139${String(Date.now()).slice(-8)}`;
  await signInAndLand(page, 'agent@example.com', /\/desk$/);

  // Create, with one field error fixed on the way.
  await page.goto('/desk/orders/new');
  await page.locator('#customerName').fill('王小明');
  await page.locator('#customerPhone').fill(phone);
  await page.locator('#sku-0').fill('NOT-A-SKU');
  await page.getByTestId('save-order').click();
  await expect(page.getByText(zh('validation.unknown_sku'))).toBeVisible();
  await page.locator('#sku-0').fill('PH-X12-128');
  await page.locator('#qty-0').fill('2');
  await expect(page.getByTestId('estimated-total')).toHaveText('¥5,998.00');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
  const orderNo = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await expect(page.getByTestId('order-total')).toHaveText('¥5,998.00');

  // Edit.
  await page.getByRole('link', { name: zh('orders.detail.edit') }).click();
  await page.locator('#notes').fill('客户要求周末送达');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(new RegExp(`/desk/orders/${orderNo}$`));
  await expect(page.getByText('客户要求周末送达')).toBeVisible();

  // The customer claims the order in the portal and keeps it open.
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await signInAndLand(customer, 'customer@example.com', /\/portal$/);
  // Before claiming, the order is not theirs: it does not exist for them.
  await customer.goto(`/portal/orders/${orderNo}`);
  await expect(customer.getByText(zh('errors.notFoundTitle'), { exact: true })).toBeVisible();
  await expect(customer.getByText(orderNo)).toHaveCount(0);
  await customer.goto('/portal/orders');
  await customer.getByTestId('claim-order').click();
  await customer.locator('#claim-order-no').fill(orderNo);
  await customer.locator('#claim-contact').fill(phone);
  await customer
    .getByRole('dialog')
    .getByRole('button', { name: zh('portalOrders.claim') })
    .click();
  await customer.getByTestId(`portal-order-${orderNo}`).click();
  await expect(customer.getByTestId('portal-order-status')).toHaveText(zh('orders.customerStatus.pending_payment'));
  await expect(customer.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');

  // A colleague has the same order open.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await signInAndLand(colleague, 'supervisor@example.com', /\/desk$/);
  await colleague.goto(`/desk/orders/${orderNo}`);
  await expect(colleague.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');

  // The agent records the payment.
  await page.getByTestId('change-status').click();
  await page.locator('#status-to').selectOption('paid');
  await page.locator('#status-note').fill('已核实到账');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: zh('common.confirm') })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // Both other pages update without a reload.
  await expect(colleague.locator('[data-status]').first()).toHaveText(zh('orders.status.paid'));
  await expect(colleague.getByText('已核实到账')).toBeVisible();
  await expect(customer.getByTestId('portal-order-status')).toHaveText(zh('orders.customerStatus.paid'));
  await expect(customer.getByText('已核实到账')).toBeVisible();

  await customerContext.close();
  await colleagueContext.close();
});
