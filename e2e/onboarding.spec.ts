import { expect, test, type Page } from '@playwright/test';
import { signInAndLand } from './helpers';
import { zh, zhOrEnRe, zhRe } from './messages';

/**
 * Issue #12, as a shop moving in would do it: an admin creates a sales channel, a product category
 * and a product; a supervisor imports a products file, then two years-old order history that
 * references them (one row bad), then the reviews; the customer's profile shows the orders and the
 * review, and the reports show the imported months with each delivery on its own month.
 */
const tag = `e2e${Date.now().toString(36)}`;
const channel = `ch_${tag}`;
const category = `cat_${tag}`;
const sku = `E2E-${tag.toUpperCase()}`;
const importedSku = `${sku}-B`;
const phone = `137${String(Date.now()).slice(-8)}`;

async function createRecord(page: Page, path: string, prefix: string, code: string, nameZh: string, nameEn: string) {
  await page.goto(path);
  await page.getByTestId(`${prefix}-new`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(zhOrEnRe('catalogRecords.code')).fill(code);
  await dialog.getByLabel(zhOrEnRe('catalogRecords.nameZh')).fill(nameZh);
  await dialog.getByLabel(zhOrEnRe('catalogRecords.nameEn')).fill(nameEn);
  await dialog.getByRole('button', { name: zh('common.create') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: nameZh, exact: true })).toBeVisible();
}

async function upload(page: Page, kind: string, name: string, csv: string, options: string[] = []) {
  const panel = page.getByTestId(`import-panel-${kind}`);
  await panel
    .getByTestId(`import-${kind}-file`)
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  for (const o of options) await panel.getByTestId(`import-${kind}-${o}`).click();
  await panel.getByTestId(`start-import-${kind}`).click();
  await expect(panel.getByText(zh('ordersImport.done'))).toBeVisible({ timeout: 60_000 });
  return panel;
}

test('a shop moves in: catalogue by hand and by file, order history, reviews, then profile and reports', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await signInAndLand(admin, 'admin@example.com', /\/admin$/);
  await createRecord(admin, '/admin/channels', 'channel', channel, `测试渠道${tag}`, `Channel ${tag}`);
  await createRecord(admin, '/admin/categories', 'category', category, `测试类目${tag}`, `Category ${tag}`);

  await admin.goto('/admin/products/new');
  await admin.locator('#product-sku').fill(sku);
  await admin.locator('#product-category').selectOption(category);
  await admin.locator('#product-name').fill(`测试商品${tag}`);
  await admin.locator('#product-price').fill('88.00');
  await admin.getByTestId('save-product').click();
  await expect(admin).toHaveURL(new RegExp(`/admin/products/${sku}$`));

  const page = await (await browser.newContext()).newPage();
  await signInAndLand(page, 'supervisor@example.com', /\/desk$/);
  await page.goto('/desk/imports');

  // Products: one new, one already there (the admin's, with a new English name).
  const products = await upload(
    page,
    'products',
    'products.csv',
    [
      'sku,name,name_en,category,price',
      `${sku},测试商品${tag},Test product,${category},88.00`,
      `${importedSku},导入商品${tag},Imported product,${category},19.90`,
    ].join('\n'),
  );
  await expect(products.getByTestId('import-imported')).toHaveText('1');
  await expect(products.getByTestId('import-updated')).toHaveText('1');

  // Order history: A placed in March and delivered in April, B placed and delivered in April, C bad.
  const header =
    'channel,external_id,placed_at,status,customer_name,customer_phone,sku,quantity,unit_price,paid_at,shipped_at,delivered_at,completed_at';
  const history = [
    header,
    `${channel},${tag}-A,2024-03-30T20:00:00+08:00,completed,导入顾客${tag},${phone},${sku},1,88.00,2024-03-30T20:05:00+08:00,2024-03-31T10:00:00+08:00,2024-04-02T15:00:00+08:00,2024-04-09T15:00:00+08:00`,
    `${channel},${tag}-A,,,,,${importedSku},2,19.90,,,,`,
    `${channel},${tag}-B,2024-04-10T09:00:00+08:00,delivered,导入顾客${tag},${phone},${importedSku},1,19.90,2024-04-10T09:01:00+08:00,2024-04-11T09:00:00+08:00,2024-04-13T09:00:00+08:00,`,
    `${channel},${tag}-C,2024-04-20T09:00:00+08:00,delivered,另一位顾客,13700000000,${sku},1,88.00,2024-04-20T09:01:00+08:00,2024-04-21T09:00:00+08:00,2024-04-19T09:00:00+08:00,`,
  ].join('\n');
  const orders = await upload(page, 'orders', 'history.csv', history, ['history']);
  await expect(orders.getByTestId('import-imported')).toHaveText('2');
  await expect(orders.getByTestId('import-rejected')).toHaveText('1');
  await expect(orders.getByTestId('import-report')).toContainText(`${tag}-C`);
  await expect(orders.getByTestId('import-report')).toContainText('delivered_at');
  await expect(orders.getByTestId('import-report')).toContainText(zhRe('validation.time_before_shipped'));

  const reviews = await upload(
    page,
    'reviews',
    'reviews.csv',
    [
      'channel,external_id,sku,score,comment,reviewed_at',
      `${channel},${tag}-A,${sku},4,${tag} 用着不错，物流也快,2024-04-05T12:00:00+08:00`,
    ].join('\n'),
  );
  await expect(reviews.getByTestId('import-imported')).toHaveText('1');
  await expect(page.getByTestId('import-jobs')).toContainText('history.csv');

  // One customer (the same phone), with both orders and the review on the profile.
  await page.goto(`/desk/customers?q=${phone}`);
  await page
    .getByRole('link', { name: `导入顾客${tag}` })
    .first()
    .click();
  await expect(page.getByTestId('customer-name')).toHaveText(`导入顾客${tag}`);
  await expect(page.getByText(`${tag} 用着不错，物流也快`)).toBeVisible();
  const orderNos = page.locator('a[href^="/desk/orders/SO"]');
  await expect(orderNos).toHaveCount(2);

  // Reports for the channel: March has A and no delivery; April has B and both deliveries. The
  // import asked the rollup job (every 5 s) to recompute those days: reload until it has.
  await expect(async () => {
    await page.goto(`/desk/reports?from=2024-04-01&to=2024-04-30&channel=${channel}`);
    await expect(page.getByTestId('kpi-rate')).toContainText(zhRe('reports.afterSales.rateHint', { delivered: 2 }), {
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('kpi-orders')).toContainText('1');
  await page.goto(`/desk/reports?from=2024-03-01&to=2024-03-31&channel=${channel}`);
  await expect(page.getByTestId('kpi-orders')).toContainText('1');
  await expect(page.getByTestId('kpi-rate')).toContainText(zhRe('reports.afterSales.rateHint', { delivered: 0 }));
});
