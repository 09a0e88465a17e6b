import { expect, test } from '@playwright/test';
import { changeStatus, signInAndLand } from './helpers';
import { sentMail, subjectOf } from './mail';
import { zh, zhRe } from './messages';

/** A real (1×1 pixel) JPEG, as a phone photo would be. */
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

test('a customer requests a return on a delivered order with a photo; an agent approves, receives and refunds; the customer follows it live and by e-mail; the order shows the refund', async ({
  page,
  browser,
}) => {
  // A whole journey across three browsers: longer than the default per-test budget.
  test.setTimeout(180_000);
  const phone = `137${String(Date.now()).slice(-8)}`;
  // The agent records a delivered order for the customer's phone.
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await page.goto('/desk/orders/new');
  await page.locator('#customerName').fill('王小明');
  await page.locator('#customerPhone').fill(phone);
  await page.locator('#sku-0').fill('EB-AIR3');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
  const orderNo = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await changeStatus(page, 'paid');
  await changeStatus(page, 'shipped', 'SF100200300');
  await changeStatus(page, 'delivered');

  // The customer claims it and asks for a no-reason return; the form says until when.
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
  await customer.goto('/portal/cases/new');
  await customer.locator('#pick-order').selectOption(orderNo);
  await customer.locator('#pick-reason').selectOption('no_reason');
  await customer.getByTestId('case-continue').click();
  await expect(customer.getByText(zhRe('cases.policy.no_reason_until')).first()).toBeVisible();
  await expect(customer.getByText(zh('cases.policy.type_not_for_reason')).first()).toBeVisible();
  await customer.getByLabel(/轻羽 Air3 无线降噪耳机/).check();
  await customer.locator('#case-description').fill('颜色不喜欢,未拆封');
  // A disguised file is refused; the real photo is uploaded and goes with the request.
  await customer
    .getByTestId('attachment-input')
    .setInputFiles({ name: '照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ not a photo') });
  await expect(customer.getByText(zhRe('errors.file_type_not_allowed'))).toBeVisible();
  await customer
    .getByTestId('attachment-input')
    .setInputFiles({ name: '包装照片.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await expect(customer.locator('input[name="attachments[]"]')).toHaveCount(1);
  await customer.getByTestId('submit-case').click();
  await expect(customer).toHaveURL(/\/portal\/cases\/AS-\d{8}-\d+$/);
  const caseNo = (await customer.getByRole('heading', { level: 1 }).textContent())!.trim();
  await expect(customer.getByTestId('portal-case-status')).toHaveText(zh('cases.customerStatus.submitted'));
  await expect(customer.getByTestId('attachment-gallery').getByRole('img', { name: '包装照片.jpg' })).toBeVisible();

  // The agent works the case from the queue.
  await page.goto('/desk/cases?queue=unassigned');
  await page.getByRole('link', { name: caseNo }).click();
  await expect(page.getByTestId('attachment-gallery').getByRole('img', { name: '包装照片.jpg' })).toBeVisible();
  await page.getByTestId('assign-me').click();
  await expect(page.getByTestId('assignee-select').locator('option:checked')).toHaveText('李客服 Li');
  await expect(customer.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  const customerSees: Record<string, string> = {
    approve: zh('cases.customerStatus.approved'),
    request_return: zh('cases.customerStatus.awaiting_return'),
    receive_return: zh('cases.customerStatus.received'),
  };
  const step = async (action: string) => {
    await page.getByTestId(`case-action-${action}`).click();
    await expect(page.getByTestId(`case-action-${action}`)).toHaveCount(0);
    // The customer's open page follows each step without a reload.
    if (customerSees[action]) await expect(customer.getByTestId('portal-case-status')).toHaveText(customerSees[action]);
  };
  await step('approve');
  await step('request_return');
  // The customer sends the item back and enters the tracking number; the agent sees it live.
  await customer.getByTestId('return-tracking-input').fill('SF998877665');
  await customer.getByTestId('return-tracking-submit').click();
  await expect(customer.getByTestId('return-tracking')).toContainText('SF998877665');
  await expect(page.getByTestId('return-tracking')).toContainText('SF998877665');
  for (const action of ['receive_return', 'inspect_ok', 'start_refund', 'confirm_refund']) await step(action);
  await page.getByTestId('case-composer').fill('退款已原路退回,请注意查收');
  await page.getByRole('button', { name: zh('caseDesk.detail.send') }).click();
  await expect(page.getByTestId('case-messages')).toContainText('退款已原路退回');

  // The customer sees the outcome in their words, live, and the order shows the refund.
  await expect(customer.getByTestId('portal-case-status')).toHaveText(zh('cases.customerStatus.refunded'));
  await expect(customer.getByTestId('case-messages')).toContainText('退款已原路退回');
  await page.goto(`/desk/orders/${orderNo}`);
  await expect(page.locator('[data-status]').first()).toHaveText(zh('orders.status.refunded'));
  await expect(page.getByTestId('order-cases')).toContainText(caseNo);
  await cctx.close();

  // Each step also reached the customer by e-mail, over SMTP, in their language.
  await expect
    .poll(
      () =>
        sentMail()
          .filter((m) => m.to.includes('customer@example.com'))
          .map((m) => subjectOf(m.raw))
          .filter((s) => s.includes(caseNo)),
      { timeout: 30_000 },
    )
    .toEqual(
      expect.arrayContaining([
        zh('mail.case.createdSubject', { caseNo }),
        zh('mail.case.statusSubject', { caseNo, status: zh('cases.customerStatus.approved') }),
        zh('mail.case.statusSubject', { caseNo, status: zh('cases.customerStatus.refunded') }),
      ]),
    );
});

test('an agent opens a case from an order, overriding the policy with a recorded reason', async ({ page }) => {
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await page.goto('/desk/orders/new');
  await page.locator('#customerName').fill('林客户');
  await page.locator('#customerPhone').fill(`136${String(Date.now()).slice(-8)}`);
  await page.locator('#sku-0').fill('PB-20K');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
  await page.getByTestId('new-case').click();
  await page.locator('#pick-reason').selectOption('no_reason');
  await page.getByRole('button', { name: zh('casePortal.continue') }).click();
  // Not delivered: the policy refuses a return, and says why.
  await expect(page.getByText(zh('cases.policy.not_delivered_yet')).first()).toBeVisible();
  await page.getByRole('radio', { name: zhRe('cases.types.return_refund') }).check();
  await page.getByLabel(/快充移动电源/).check();
  await page.locator('#case-description').fill('客户电话要求取消,包裹已拦截退回');
  await page.getByTestId('submit-case').click();
  await expect(page.locator('#override-reason-error')).toHaveText(zh('validation.override_reason_required'));
  await page.locator('#override-reason').fill('物流已拦截,按退货处理');
  await page.getByTestId('submit-case').click();
  await expect(page).toHaveURL(/\/desk\/cases\/AS-\d{8}-\d+$/);
  const override = zh('caseDesk.detail.override', { reason: '物流已拦截,按退货处理' });
  await expect(page.getByTestId('policy-override')).toHaveText(override);
  // The timeline carries it too, as a step the customer does not see.
  await expect(page.getByTestId('case-timeline').getByText(override)).toBeVisible();
  await expect(page.getByTestId('case-timeline')).toContainText(zh('cases.eventVisibility.internal'));
});

test('a reissue ships with its tracking number, which the customer sees; a compensation above the approval amount waits for the supervisor', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const phone = `135${String(Date.now()).slice(-8)}`;
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

  const customer = await (await browser.newContext()).newPage();
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
  // 价保 is offered with its last day; the form asks for the lower price beside what was paid.
  await customer.goto(`/portal/cases/new?order=${orderNo}&reason=price_drop`);
  await expect(customer.getByText(zhRe('cases.policy.price_protection_until')).first()).toBeVisible();
  await customer.goto(`/portal/cases/new?order=${orderNo}&reason=missing_item`);
  await customer.getByRole('radio', { name: zhRe('cases.types.reissue') }).check();
  await customer.getByLabel(/轻羽 Air3 无线降噪耳机/).check();
  await customer.locator('#case-description').fill('盒子里少了充电线');
  await customer.getByTestId('submit-case').click();
  await expect(customer).toHaveURL(/\/portal\/cases\/AS-\d{8}-\d+$/);
  const caseNo = (await customer.getByRole('heading', { level: 1 }).textContent())!.trim();

  await page.goto(`/desk/cases/${caseNo}`);
  for (const action of ['approve', 'ship_replacement']) {
    await page.getByTestId(`case-action-${action}`).click();
    await expect(page.getByTestId(`case-action-${action}`)).toHaveCount(0);
  }
  const tracking = zh('replacementShipment.current', { carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  await page.getByTestId('replacement-carrier').fill('顺丰速运');
  await page.getByTestId('replacement-tracking-input').fill('sf1234567890');
  await page.getByTestId('case-action-confirm_shipment').click();
  await expect(page.getByTestId('replacement-tracking')).toHaveText(tracking);
  await customer.reload();
  await expect(customer.getByTestId('replacement-tracking')).toHaveText(tracking);

  // Within the demo's CNY 100 an agent's compensation counts at once; above it, it waits.
  const record = async (amount: string, reason: string, method: 'coupon' | 'cash') => {
    await page.getByTestId('compensation-amount').fill(amount);
    await page.locator('#compensation-method').selectOption(method);
    await page.getByTestId('compensation-reason').fill(reason);
    await page.getByTestId('compensation-submit').click();
  };
  await record('30', '缺件致歉券', 'coupon');
  await expect(page.getByTestId('compensation-list').getByText(zh('compensation.status.approved'))).toBeVisible();
  await record('250', '客户等待补发三天', 'cash');
  await expect(
    page.getByTestId('compensation-list').getByText(zh('compensation.status.pending_approval')),
  ).toBeVisible();
  await expect(page.getByTestId('compensation-approve')).toHaveCount(0);

  const supervisor = await (await browser.newContext()).newPage();
  await signInAndLand(supervisor, 'supervisor@example.com', /\/desk$/);
  await supervisor.goto(`/desk/cases/${caseNo}`);
  await supervisor.getByTestId('compensation-approve').click();
  await expect(
    supervisor.getByTestId('compensation-list').getByText(zh('compensation.status.pending_approval')),
  ).toHaveCount(0);
  await customer.reload();
  await expect(customer.getByTestId('portal-compensations')).toHaveText(
    ['¥30.00', '¥250.00']
      .map((amount, i) =>
        zh('compensation.granted', { amount, method: zh(`compensation.methods.${i ? 'cash' : 'coupon'}`) }),
      )
      .join(''),
  );
});
