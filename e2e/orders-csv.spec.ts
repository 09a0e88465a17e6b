import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { signInAndLand } from './helpers';
import { zh } from './messages';

test('a supervisor imports orders from CSV, sees the rejected row, and exports', async ({ page }) => {
  const tag = `E2E${Date.now()}`;
  const csv = [
    'channel,external_id,customer_name,customer_phone,sku,quantity,status',
    `jd,${tag}-1,林一,13900000001,EB-AIR3,1,paid`,
    `jd,${tag}-2,林二,13900000002,NO-SUCH-SKU,1,paid`,
  ].join('\n');
  await signInAndLand(page, 'supervisor@example.com', /\/desk$/);
  await page.goto('/desk/orders');
  await page.getByTestId('import-orders').click();
  await page
    .getByTestId('import-orders-file')
    .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('start-import-orders').click();
  await expect(page.getByTestId('import-imported')).toHaveText('1');
  await expect(page.getByTestId('import-rejected')).toHaveText('1');
  await expect(page.getByTestId('import-report')).toContainText(zh('validation.unknown_sku'));
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: zh('ordersImport.report') }).click();
  const report = await (await download).path();
  expect(fs.readFileSync(report, 'utf8')).toContain(`${tag}-2`);

  // Importing the same file again changes nothing.
  await page.getByTestId('start-import-orders').click();
  await expect(page.getByTestId('import-skipped')).toHaveText('1');
  await expect(page.getByTestId('import-imported')).toHaveText('0');
  await page.keyboard.press('Escape');

  // The imported order is found by its SKU and exported.
  await page.goto(`/desk/orders?q=EB-AIR3&field=sku&channel=jd`);
  const exportLink = page.getByTestId('export-orders');
  const response = await page.request.get((await exportLink.getAttribute('href'))!);
  expect(response.headers()['content-type']).toContain('text/csv');
  const text = await response.text();
  expect(text).toContain('order_no,channel,external_id');
  expect(text).toContain(`${tag}-1`);
  expect(text).toContain('139****0001');
  expect(text).not.toContain('13900000001');
});
