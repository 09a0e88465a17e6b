import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { LOCALE_COOKIE } from '../lib/i18n/config';
import { signInAndLand } from './helpers';
import { enRe, enT, zh, zhRe } from './messages';

/**
 * The public help center (#13): a visitor who is not signed in searches in Chinese, reads the
 * article and says what was missing; an English visitor reads English (and is told when an
 * article has no English yet); a customer reaches it from the portal; bad addresses and bad
 * searches get calm pages, never an error.
 */

const ARTICLES = path.join(process.cwd(), 'db', 'seed', 'help', 'articles');

/** A seeded article's title, from its file (the seed is the data these pages show). */
function seededTitle(slug: string, locale: 'zh-CN' | 'en'): string {
  const source = fs.readFileSync(path.join(ARTICLES, `${slug}.${locale}.md`), 'utf8');
  return /^title:\s*(.+)$/m.exec(source)![1]!.trim();
}

async function inEnglish(context: BrowserContext) {
  const url = test.info().project.use.baseURL ?? 'http://localhost';
  await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', url }]);
}

async function search(page: Page, query: string) {
  await page.getByTestId('help-search-input').fill(query);
  await page.getByTestId('help-search-input').press('Enter');
  await expect(page).toHaveURL(/\/help\/search\?q=/);
}

test('a visitor searches in Chinese, reads the article and says what was missing', async ({ page }) => {
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1, name: zh('help.title') })).toBeVisible();
  await expect(page.getByTestId('help-categories').getByRole('listitem').first()).toBeVisible();

  await search(page, '七天无理由退货');
  await expect(page.getByTestId('help-results-count')).toHaveText(
    new RegExp(`${zhRe('help.resultsMany').source}|${zhRe('help.resultsRange').source}`),
  );
  const first = page.getByTestId('help-result').first();
  await expect(first.locator('mark').first()).toBeVisible();
  await first.getByRole('link').click();

  await expect(page).toHaveURL(/\/help\/seven-day-return$/);
  await expect(page.getByTestId('help-article-title')).toHaveText(seededTitle('seven-day-return', 'zh-CN'));
  await expect(page.getByRole('navigation', { name: zh('help.breadcrumb') })).toContainText(zh('help.title'));
  // The article's table sits in its own scroller, so a phone never scrolls the whole page sideways.
  await expect(page.getByTestId('help-article').locator('.prose-help .table-scroll table')).toBeVisible();
  await expect(page.getByTestId('help-submit-request')).toHaveAttribute('href', '/portal/cases/new');

  await page.getByTestId('help-feedback-no').click();
  await expect(page.getByRole('group', { name: zh('help.feedback.missingLegend') })).toBeVisible();
  await page.getByRole('radio', { name: zh('help.feedback.reasons.unclear') }).check();
  await page.getByTestId('help-feedback-comment').fill('没有写清楚签收当天算不算第一天');
  await expect(page.getByTestId('help-feedback')).toContainText(zh('help.feedback.counter', { count: 15, max: 1000 }));
  await page.getByTestId('help-feedback-submit').click();
  await expect(page.getByTestId('help-feedback-thanks')).toHaveText(zh('help.feedback.thanksNo'));
});

test('an English visitor reads English, and is told when an article has no English yet', async ({ page, context }) => {
  await inEnglish(context);
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1, name: enT('help.title') })).toBeVisible();

  await search(page, 'refund');
  await expect(page.getByTestId('help-result').first()).toBeVisible();
  await page.goto('/help/seven-day-return');
  await expect(page.getByTestId('help-article-title')).toHaveText(seededTitle('seven-day-return', 'en'));
  await expect(page.getByTestId('help-missing-translation')).toHaveCount(0);
  await page.getByTestId('help-feedback-yes').click();
  await expect(page.getByTestId('help-feedback-thanks')).toHaveText(enT('help.feedback.thanks'));

  // 电子发票 is written in Chinese only: shown in Chinese, marked as such, and said so in English.
  await page.goto('/help/invoices-vat');
  await expect(page.getByTestId('help-missing-translation')).toHaveText(enT('help.missingTranslation'));
  await expect(page.getByTestId('help-article')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('help-article-title')).toHaveText(seededTitle('invoices-vat', 'zh-CN'));
});

test('a signed-in customer opens the help center from the portal', async ({ page }) => {
  await signInAndLand(page, 'customer@example.com', /\/portal$/);
  const nav = page.getByRole('navigation', { name: zh('shell.mainNavigation') }).filter({ visible: true });
  await expect(nav.getByRole('link', { name: zh('nav.helpCenter') })).toHaveAttribute('href', '/help');
  const card = page.getByTestId('portal-help-card');
  await expect(card).toContainText(zh('portal.helpTitle'));
  await card.getByRole('link', { name: zh('portal.helpLink') }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: zh('help.title') })).toBeVisible();
});

test('an unknown article or topic is a 404 page in the visitor’s language', async ({ page, context }) => {
  const missing = await page.goto('/help/no-such-article');
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId('help-not-found')).toContainText(zh('errors.notFoundTitle'));
  // Inside the shop's own page, with a way on.
  await expect(page.getByTestId('shop-name')).toBeVisible();
  await expect(page.getByTestId('help-search-input')).toBeVisible();

  expect((await page.goto('/help/category/no-such-topic'))?.status()).toBe(404);
  // Not a slug at all (capitals, a dot): the same answer, not an error.
  expect((await page.goto('/help/Not.A.Slug'))?.status()).toBe(404);

  await inEnglish(context);
  expect((await page.goto('/help/no-such-article'))?.status()).toBe(404);
  await expect(page.getByTestId('help-not-found')).toContainText(enT('errors.notFoundTitle'));
  await expect(page.getByTestId('help-not-found')).toContainText(enRe('help.notFoundHint'));
});

test('an emoji, an empty or a 500-character search is a calm empty page', async ({ page }) => {
  const emoji = await page.goto(`/help/search?q=${encodeURIComponent('🙂')}`);
  expect(emoji?.status()).toBe(200);
  await expect(page.getByTestId('help-no-results')).toContainText(zh('help.noTermsTitle'));
  await expect(page.getByTestId('help-no-results').getByRole('link').first()).toHaveAttribute(
    'href',
    /\/help\/category\//,
  );

  const long = await page.goto(`/help/search?q=${'zqxv'.repeat(125)}`);
  expect(long?.status()).toBe(200);
  await expect(page.getByTestId('help-no-results')).toContainText(zh('help.noResultsTitle'));
  // The box holds what was searched: the first 200 characters.
  await expect(page.getByTestId('help-search-input')).toHaveValue('zqxv'.repeat(50));

  expect((await page.goto('/help/search?q=%20%20'))?.status()).toBe(200);
  await expect(page.getByTestId('help-no-results')).toContainText(zh('help.emptyQueryTitle'));
});

test('help images: only real ids of published articles, never an error', async ({ request }) => {
  expect((await request.get('/help/images/not-a-uuid')).status()).toBe(404);
  expect((await request.get('/help/images/00000000-0000-4000-8000-000000000000')).status()).toBe(404);
});

test("an article from the server's copy: a nonce of its own each time, scripts run, links navigate", async ({
  page,
}) => {
  const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
  const first = await page.goto('/help/seven-day-return');
  const again = await page.goto('/help/seven-day-return');
  expect(again!.headers()['x-help-cache']).toBe('hit');
  const [a, b] = [
    nonceOf(first!.headers()['content-security-policy']),
    nonceOf(again!.headers()['content-security-policy']),
  ];
  expect(a).toBeTruthy();
  expect(b).toBeTruthy();
  expect(b).not.toBe(a);
  // Every script of the kept page carries this response's nonce, so the page comes alive.
  const nonces = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(new Set(nonces)).toEqual(new Set([b]));
  await page.getByTestId('help-feedback-yes').click();
  await expect(page.getByTestId('help-feedback-thanks')).toBeVisible();
  // A link within the help center is a client navigation (the copy answers documents only).
  await page
    .getByRole('navigation', { name: zh('help.breadcrumb') })
    .getByRole('link', { name: zh('help.title') })
    .click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: zh('help.title') })).toBeVisible();
});
