import { expect, test, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { signInAndLand } from './helpers';
import { zh } from './messages';

/** The demo customer opens an inquiry on one of their orders in the portal; returns its number. */
async function customerOpensInquiry(customer: Page, description: string): Promise<string> {
  await customer.goto('/portal/cases/new');
  await customer.locator('#pick-reason').selectOption('other');
  await customer.getByTestId('case-continue').click();
  await customer.locator('input[name="type"][value="inquiry"]').check();
  await customer.locator('#case-description').fill(description);
  await customer.getByTestId('submit-case').click();
  await expect(customer).toHaveURL(/\/portal\/cases\/AS-\d{8}-\d+$/);
  return (await customer.getByRole('heading', { level: 1 }).textContent())!.trim();
}

async function signedIn(browser: Browser, email: string, home: RegExp): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndLand(page, email, home);
  return [context, page];
}

/** Counts the event streams the open pages of a browser context hold right now. */
function openStreams(context: BrowserContext): () => number {
  const open = new Map<Request, Page>();
  context.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/events') open.set(r, r.frame().page());
  });
  context.on('requestfinished', (r) => open.delete(r));
  context.on('requestfailed', (r) => open.delete(r));
  return () => [...open.values()].filter((page) => !page.isClosed()).length;
}

test('five desk tabs share one live connection: all see a new case at once, and a sixth page still loads', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [agentContext, first] = await signedIn(browser, 'agent@example.com', /\/desk$/);
  const streams = openStreams(agentContext);
  // A browser allows six connections per host: with a stream per widget per tab, the third tab
  // used to take the last ones and every further page hung.
  const tabs = [first, ...(await Promise.all([1, 2, 3, 4].map(() => agentContext.newPage())))];
  for (const tab of tabs) {
    await tab.goto('/desk/cases');
    await expect(tab.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  }
  await expect.poll(streams).toBe(1);

  // A customer, in another browser, asks a question.
  const [customerContext, customer] = await signedIn(browser, 'customer@example.com', /\/portal$/);
  const caseNo = await customerOpensInquiry(customer, `直播测试 ${Date.now()}：请问发票怎么开？`);
  for (const tab of tabs) await expect(tab.getByRole('link', { name: caseNo })).toBeVisible();

  // A sixth page of the same browser loads at once, although five tabs are live.
  const sixth = await agentContext.newPage();
  await sixth.goto('/desk/orders', { timeout: 5_000 });
  await expect(sixth.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true', { timeout: 5_000 });
  expect(streams()).toBe(1);

  // The tab holding the stream closes: another takes over, and every tab stays live.
  for (const tab of tabs) await tab.close();
  await expect(sixth.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  await expect.poll(streams).toBe(1);
  await customerContext.close();
  await agentContext.close();
});

test('a customer’s bell counts an agent’s reply live and leads to the case', async ({ browser }) => {
  test.setTimeout(120_000);
  const [customerContext, customer] = await signedIn(browser, 'customer@example.com', /\/portal$/);
  const caseNo = await customerOpensInquiry(customer, `铃铛测试 ${Date.now()}：什么时候发货？`);
  await customer.goto('/portal');
  const bell = customer.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('data-phase', 'ready');
  const before = Number(await bell.getAttribute('data-unread'));

  const [agentContext, agent] = await signedIn(browser, 'agent@example.com', /\/desk$/);
  await agent.goto(`/desk/cases/${caseNo}`);
  await agent.getByTestId('case-composer').fill('您好，今天下午发出。');
  await agent.getByRole('button', { name: zh('caseDesk.detail.send') }).click();
  await expect(agent.getByTestId('case-messages')).toContainText('今天下午发出');

  // Without a reload, the customer's bell counts the reply and names the case.
  await expect(bell).toHaveAttribute('data-unread', String(before + 1));
  await expect(customer.getByTestId('notification-count')).toBeVisible();
  await bell.click();
  const item = customer
    .getByTestId('notification-item')
    .filter({ hasText: zh('notifications.kinds.case_reply', { caseNo }) });
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(customer).toHaveURL(new RegExp(`/portal/cases/${caseNo}$`));
  await expect(bell).toHaveAttribute('data-unread', String(before));
  await agentContext.close();
  await customerContext.close();
});
