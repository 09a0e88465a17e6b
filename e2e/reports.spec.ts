import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { signInAndLand } from './helpers';
import { zh } from './messages';

test('a supervisor changes the period and a filter, drills into the cases and exports CSV; an agent gets neither page nor export', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAndLand(page, 'supervisor@example.com', /\/desk$/);
  await page.getByRole('link', { name: zh('nav.reports') }).click();
  await expect(page).toHaveURL(/\/desk\/reports/);
  await expect(page.getByTestId('kpi-orders')).toBeVisible();

  // Another period, then a channel: both land in the URL and in the summary line.
  await page.getByTestId('period-90d').click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}.*to=\d{4}-\d{2}-\d{2}/);
  const from = new URL(page.url()).searchParams.get('from')!;
  await page.locator('#report-channel').selectOption('tmall');
  await page.getByTestId('apply-filters').click();
  await expect(page).toHaveURL(/channel=tmall/);
  await expect(page.getByTestId('active-filters')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('from')).toBe(from);

  // Drill into the matching cases: the queue shows the same period and channel as chips.
  await page
    .getByTestId('kpi-opened')
    .getByRole('link', { name: zh('reports.drill.cases') })
    .click();
  await expect(page).toHaveURL(/\/desk\/cases\?.*channel=tmall/);
  await expect(page.getByTestId('drill-chips')).toContainText('天猫');
  await page.goBack();

  // Export: a CSV with a header row, named after the report and the period.
  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-after-sales-by-day').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^reports-after-sales-by-day-${from}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('day,opened,resolved,backlog');

  // A hand-edited, inverted period: a message and the default period, not an error page.
  await page.goto('/desk/reports?from=2026-12-31&to=2026-01-01');
  await expect(page.getByTestId('report-problems')).toBeVisible();
  await expect(page.getByTestId('kpi-orders')).toBeVisible();

  // An agent: no navigation entry, no page, no export.
  const actx = await browser.newContext();
  const agent = await actx.newPage();
  await signInAndLand(agent, 'agent@example.com', /\/desk$/);
  await expect(agent.getByRole('link', { name: zh('nav.reports') })).toHaveCount(0);
  await agent.goto('/desk/reports');
  await expect(agent.getByTestId('kpi-orders')).toHaveCount(0);
  await expect(agent.getByText(zh('errors.notFoundTitle'), { exact: true })).toBeVisible();
  const res = await agent.request.get('/api/reports/agents?from=2026-01-01&to=2026-01-31');
  expect(res.status()).toBe(403);
  await actx.close();
});
