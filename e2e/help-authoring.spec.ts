import { expect, test } from '@playwright/test';
import { LOCALE_COOKIE } from '../lib/i18n/config';
import { signInAndLand } from './helpers';
import { enRe, enT, zh } from './messages';

/**
 * Authoring the help center (#13): a supervisor edits a seeded article's English text in the
 * editor, publishes it, and the public page shows the new version; the history holds both
 * versions and the diff of the new one. The spec drives the English interface.
 */

const SLUG = 'payment-methods';

test('a supervisor edits and publishes an article; the public page and the history follow', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', url: baseURL! }]);
  await signInAndLand(page, 'supervisor@example.com', /\/desk$/);
  await page.getByRole('link', { name: enT('nav.helpArticles') }).click();
  await expect(page).toHaveURL(/\/desk\/help$/);

  await page.getByRole('searchbox', { name: enT('helpAuthoring.list.search') }).fill(SLUG);
  await page.getByRole('button', { name: enT('common.apply') }).click();
  const row = page.getByTestId(`article-row-${SLUG}`);
  await expect(row.getByTestId('article-status')).toHaveText(enT('helpAuthoring.status.published'));
  // Readers have the page as it was: kept in the server's copy (the second look comes from it).
  const before = await context.newPage();
  await before.goto(`/help/${SLUG}`);
  expect((await before.goto(`/help/${SLUG}`))!.headers()['x-help-cache']).toBe('hit');
  await before.close();

  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/desk\/help\/[0-9a-f-]{36}$/);
  const editorUrl = page.url();

  // The English tab: a new title and a new paragraph, which the live preview shows at once.
  const stamp = String(Date.now()).slice(-6);
  const title = `Ways to pay (updated ${stamp})`;
  const paragraph = `Gift cards can now be combined with any other payment method (${stamp}).`;
  await page.getByTestId('tab-en').click();
  await page.getByTestId('title-en').fill(title);
  const body = page.getByTestId('body-en');
  await body.fill(`${await body.inputValue()}\n\n${paragraph}\n`);
  await expect(page.getByTestId('preview-en')).toContainText(paragraph);
  await expect(page.getByTestId('unsaved')).toBeVisible();

  // Ctrl+S saves the draft; readers still see version 1.
  await page.keyboard.press('Control+s');
  await expect(page.getByText(enT('helpAuthoring.editor.saved'))).toBeVisible();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  await expect(page.getByTestId('unpublished-changes')).toBeVisible();

  // Publish asks first and says what goes live.
  await page.getByTestId('publish-article').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(enT('helpAuthoring.publish.title', { number: 2 }));
  await expect(dialog.getByTestId('publish-summary')).toContainText(title);
  await expect(dialog.getByTestId('publish-summary')).toContainText(
    enT('helpAuthoring.publish.changed', {
      fields: [enT('helpAuthoring.fields.title'), enT('helpAuthoring.fields.body')].join(enT('common.listSeparator')),
    }),
  );
  await dialog.getByTestId('confirm-publish').click();
  await expect(page.getByText(enT('helpAuthoring.editor.published'))).toBeVisible();
  await expect(page.getByText(enT('helpAuthoring.editor.liveVersion', { number: 2 }))).toBeVisible();
  await expect(page.getByTestId('unpublished-changes')).toHaveCount(0);

  // The public page shows the new version, in English.
  const reader = await context.newPage();
  await reader.goto(`/help/${SLUG}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(reader.locator('.prose-help')).toContainText(paragraph);
  await reader.close();

  // The history: two versions, and version 2's diff shows the English change only.
  await page.goto(editorUrl);
  const history = page.getByTestId('version-history');
  await expect(history.locator('li[data-testid^="version-"]')).toHaveCount(2);
  await expect(history.getByTestId('version-2')).toContainText(enT('helpAuthoring.history.live'));
  await history.getByTestId('show-diff-2').click();
  const diff = page.getByTestId('version-diff');
  await expect(diff).toContainText(enT('helpAuthoring.history.diffTitle', { number: 2, previous: 1 }));
  await expect(diff.getByTestId('diff-en').locator('ins').first()).toContainText(stamp);
  await expect(diff.getByTestId('diff-en').locator('[data-op="added"]').filter({ hasText: paragraph })).toHaveCount(1);
  await expect(diff.getByTestId('diff-zh-CN')).toContainText(enT('helpAuthoring.history.localeStatus.unchanged'));

  // A text file dressed as a picture is refused with a reason, and the text stays as it was.
  await page.getByTestId('tab-en').click();
  await page.getByTestId('image-input-en').setInputFiles({
    name: 'not-a-picture.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just text'),
  });
  await expect(page.getByTestId('image-error')).toHaveText(enRe('helpAuthoring.image.errors.file_type_not_allowed'));
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
});

test('an agent has no help articles: no entry in the navigation, and the pages answer 404', async ({ page }) => {
  await signInAndLand(page, 'agent@example.com', /\/desk$/);
  await expect(page.getByRole('link', { name: zh('nav.helpArticles') })).toHaveCount(0);
  // The desk streams behind its loading skeleton, so the answer is the not-found page (as for reports).
  for (const path of ['/desk/help', '/desk/help/new']) {
    await page.goto(path);
    await expect(page.getByText(zh('errors.notFoundTitle'), { exact: true })).toBeVisible();
    await expect(page.getByTestId('new-article')).toHaveCount(0);
    await expect(page.getByTestId('article-editor')).toHaveCount(0);
  }
});
