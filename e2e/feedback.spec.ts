import { expect, test, type Page } from '@playwright/test';
import { changeStatus, signInAndLand } from './helpers';
import { bodyOf, sentMail, subjectOf } from './mail';
import { zh, zhRe } from './messages';

/** The demo agent's CSAT counts in the statistics' per-agent table (last 30 days, the default). */
async function agentInStats(page: Page) {
  await page.goto('/desk/feedback/stats');
  const row = page.locator('[data-testid="agent-csat"][data-agent="李客服 Li"]');
  if ((await row.count()) === 0) return { answered: 0, good: 0 };
  return {
    answered: Number(await row.getAttribute('data-answered')),
    good: Number(await row.getAttribute('data-good')),
  };
}

/** The agent's own CSAT counts as the desk home shows them. */
async function myCsat(page: Page) {
  await page.goto('/desk');
  const card = page.getByTestId('my-csat');
  return {
    answered: Number(await card.getAttribute('data-answered')),
    good: Number(await card.getAttribute('data-good')),
  };
}

test('a case is resolved; the customer answers CSAT from the e-mailed link without signing in; the score shows in the inbox, the statistics and the agent’s CSAT', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const stamp = String(Date.now()).slice(-8);
  const email = `csat-${stamp}@example.com`;
  const comment = `客服很耐心，处理很快 ${stamp}`;

  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  const before = await myCsat(page);
  const statsBefore = await agentInStats(page);

  // An order delivered to a customer with an e-mail address, and a complaint about it.
  await page.goto('/desk/orders/new');
  await page.locator('#customerName').fill('赵满意');
  await page.locator('#customerPhone').fill(`135${stamp}`);
  await page.locator('#customerEmail').fill(email);
  await page.locator('#sku-0').fill('EB-AIR3');
  await page.getByTestId('save-order').click();
  await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
  const orderNo = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await changeStatus(page, 'paid');
  await changeStatus(page, 'shipped', `SF${stamp}`);
  await changeStatus(page, 'delivered');
  await page.goto(`/desk/orders/${orderNo}/new-case?reason=other`);
  await page.getByRole('radio', { name: zhRe('cases.types.complaint') }).check();
  await page.locator('#case-description').fill('快递员没有送货上门');
  await page.getByTestId('submit-case').click();
  await expect(page).toHaveURL(/\/desk\/cases\/AS-\d{8}-\d+$/);
  const caseNo = page.url().split('/').pop()!;

  // The agent takes it and resolves it: the customer is asked how we did, by e-mail.
  await page.getByTestId('assign-me').click();
  await expect(page.getByTestId('assignee-select').locator('option:checked')).toHaveText('李客服 Li');
  await page.getByTestId('case-action-resolve').click();
  await expect(page.getByTestId('case-action-resolve')).toHaveCount(0);
  let link = '';
  await expect
    .poll(
      () => {
        const mail = sentMail().find(
          (m) => m.to.includes(email) && subjectOf(m.raw) === zh('mail.survey.csatSubject', { caseNo }),
        );
        link = mail ? (/https?:\/\/[^\s"<>]+\/survey\/[A-Za-z0-9_.-]+/.exec(bodyOf(mail.raw))?.[0] ?? '') : '';
        return link;
      },
      { timeout: 30_000 },
    )
    .toMatch(/\/survey\//);
  const path = new URL(link).pathname;

  // The customer opens the link in a browser that is not signed in.
  const cctx = await browser.newContext();
  const customer = await cctx.newPage();
  await customer.goto(path);
  await expect(customer.getByTestId('score-picker-csat')).toBeVisible();
  await expect(customer.getByTestId('score-picker-csat')).toContainText(caseNo);
  // The shopper is on the shop's own plain page, not on the vendor's sign-in marketing.
  await expect(customer.getByTestId('shop-name')).toHaveText('悦享生活旗舰店');
  await expect(customer.getByText(zh('auth.sidePanelTitle'))).toHaveCount(0);
  // Sending without a score says what is missing and keeps the comment.
  await customer.getByTestId('survey-comment').fill(comment);
  await customer.getByTestId('survey-submit').click();
  await expect(customer.getByTestId('score-error')).toBeVisible();
  await customer.locator('label', { has: customer.locator('input[name="score"][value="5"]') }).click();
  await expect(customer.getByTestId('survey-comment')).toHaveValue(comment);
  await customer.getByTestId('survey-submit').click();
  await expect(customer.getByTestId('survey-thanks')).toBeVisible();
  // The link works once; an altered link changes nothing.
  await customer.reload();
  await expect(customer.getByTestId('survey-notice-survey_answered')).toBeVisible();
  await customer.goto(`${path.split('.')[0]}.${'A'.repeat(43)}`);
  await expect(customer.getByTestId('survey-notice-survey_invalid')).toBeVisible();
  await cctx.close();

  // The answer reaches the feedback inbox, classified, and counts for the agent who resolved it.
  await page.goto('/desk/feedback?kind=csat');
  const row = page.getByRole('row').filter({ hasText: stamp });
  await expect(row).toContainText('5/5');
  await row.getByRole('link', { name: /#\d+/ }).click();
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.getByRole('link', { name: caseNo })).toBeVisible();
  expect(await myCsat(page)).toEqual({ answered: before.answered + 1, good: before.good + 1 });
  // The statistics read daily rollups, which follow within a minute.
  await expect
    .poll(() => agentInStats(page), { timeout: 90_000, intervals: [3_000] })
    .toEqual({ answered: statsBefore.answered + 1, good: statsBefore.good + 1 });
  await expect(page.getByTestId('kpi-csat')).toBeVisible();
});
