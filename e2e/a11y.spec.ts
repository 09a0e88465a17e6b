import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { LOCALE_COOKIE, LOCALES, type Locale } from '../lib/i18n/config';
import { THEME_COOKIE } from '../lib/theme';
import { changeStatus, signInAndLand } from './helpers';
import { bodyOf, sentMail } from './mail';
import { zhRe } from './messages';
import { expectNoCatalogueKeys } from './untranslated';

/**
 * Accessibility (#18): every page of the app, in both languages, has no serious or critical axe
 * violation (WCAG 2.1 A and AA rules), nor do the states where problems hide (menus, a dialog);
 * and no page shows a catalogue key where a text should be (#17: each layout sends only part of
 * the catalogue, so a key the scope walk missed would show only in the browser).
 *
 * The pages are found by walking `app/` for page files when the spec loads, so a page added later
 * is checked without touching this file. A dynamic segment takes a real id from the demo data: the
 * first link to that kind of page on its parent list page (`/desk/orders/[orderNo]` → the first
 * `/desk/orders/SO…` link on `/desk/orders`), unless ID_SOURCES says where else to look. A route
 * whose id cannot be found fails and says so, rather than being skipped.
 *
 * One browser context per shell, signed in once; the language is switched by its cookie.
 */

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * Label in name (WCAG 2.5.3, level A) is still marked experimental in axe 4.13 and so is off by
 * default; it is what catches a button showing "English" but named "Language".
 */
const AXE_OPTIONS = {
  rules: { 'label-content-name-mismatch': { enabled: true } },
  // Only violations are read: axe then stops collecting every passing node (seconds on long pages).
  resultTypes: ['violations' as const],
};
const APP_DIR = path.join(process.cwd(), 'app');

type Shell = 'desk' | 'admin' | 'portal' | 'public';
/** Who owns each shell. The supervisor sees every desk page an agent sees, and more. */
const SHELL_USER: Record<Shell, string | null> = {
  desk: 'supervisor@example.com',
  admin: 'admin@example.com',
  portal: 'customer@example.com',
  public: null,
};
const SHELL_HOME: Record<Exclude<Shell, 'public'>, RegExp> = {
  desk: /\/desk$/,
  admin: /\/admin$/,
  portal: /\/portal$/,
};

// ---------------------------------------------------------------------------------------------
// Routes

/** Every page route under app/, as a pattern like `/desk/orders/[orderNo]`, sorted. */
function pageRoutes(dir = APP_DIR, segments: string[] = []): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const name = entry.name;
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js|mdx)$/.test(name)) routes.push(`/${segments.join('/')}`);
    if (!entry.isDirectory()) continue;
    // Private folders, parallel-route slots and intercepting routes are no address of their own.
    if (name.startsWith('_') || name.startsWith('@') || /^\(\.+\)/.test(name)) continue;
    const group = /^\(.+\)$/.test(name);
    routes.push(...pageRoutes(path.join(dir, name), group ? segments : [...segments, name]));
  }
  return [...new Set(routes)].sort();
}

const ROUTES = pageRoutes();
const isDynamic = (segment: string) => /^\[.+\]$/.test(segment);
const shellOf = (route: string): Shell => {
  const first = route.split('/')[1];
  return first === 'desk' || first === 'admin' || first === 'portal' ? first : 'public';
};

/** Static names beside a dynamic segment (`new` beside `[orderNo]`): links to those are not ids. */
function staticSiblings(parent: string): Set<string> {
  const depth = parent === '/' ? 1 : parent.split('/').length;
  return new Set(
    ROUTES.filter((r) => r.startsWith(parent === '/' ? '/' : `${parent}/`))
      .map((r) => r.split('/')[depth])
      .filter((s): s is string => !!s && !isDynamic(s)),
  );
}

type IdSource =
  /** The list page to take the first matching link from (its path may hold resolved segments). */
  | { list: string }
  /** Finds the concrete address itself (e.g. a link that only arrives by e-mail). */
  | { find: (browser: Browser) => Promise<string> };

/**
 * Where a dynamic segment's id comes from when the parent path is not the page listing them.
 * Keyed by the route up to and including the dynamic segment.
 */
const ID_SOURCES: Record<string, IdSource> = {
  '/portal/feedback/surveys/[id]': { list: '/portal/feedback' },
  '/survey/[token]': { find: (browser) => publicSurveyPath(browser) },
  // There is no page at /help/category: the topics are listed on the help center's front page.
  '/help/category/[slug]': { list: '/help' },
};

/** Extra addresses worth a look that no route walk finds: another state of a dynamic page. */
const EXTRA_PAGES: { route: string; shell: Shell; path: string }[] = [
  // A broken, expired or answered survey link shows a notice page instead of the form.
  { route: '/survey/[token] (closed link)', shell: 'public', path: '/survey/not-a-valid-link' },
  // Help search results (marked words, pagination) in each language's words; in the other
  // language the same address shows the "nothing found" page.
  { route: '/help/search (results, 退货)', shell: 'public', path: `/help/search?q=${encodeURIComponent('退货')}` },
  { route: '/help/search (results, refund)', shell: 'public', path: '/help/search?q=refund' },
  // An article written in Chinese only: the English reader's notice and a lang="zh-CN" body.
  { route: '/help/[slug] (no translation)', shell: 'public', path: '/help/invoices-vat' },
];

// ---------------------------------------------------------------------------------------------
// A signed-in context per shell

type Session = { context: BrowserContext; page: Page; resolved: Map<string, string> };

async function openSession(browser: Browser, shell: Shell): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = SHELL_USER[shell];
  if (user) await signInAndLand(page, user, SHELL_HOME[shell as Exclude<Shell, 'public'>]);
  return { context, page, resolved: new Map() };
}

const baseURL = () => test.info().project.use.baseURL ?? 'http://localhost';

async function setLocale(session: Session, locale: Locale) {
  await session.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL() }]);
}

/**
 * The first link on `list` to a page right below `parent` (`parent/<id>`; '' is the root), other
 * than a static sibling such as `new`.
 */
async function firstLinkBelow(page: Page, list: string, parent: string, parentPattern: string): Promise<string | null> {
  await page.goto(list);
  const siblings = staticSiblings(parentPattern);
  // A streamed page may reveal its list a moment after the load event (React batches the reveal
  // of Suspense boundaries), so look again for a few seconds before giving up.
  for (let attempt = 0; attempt < 20; attempt++) {
    if (attempt) await page.waitForTimeout(250);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const { pathname } = new URL(href);
      if (!pathname.startsWith(`${parent}/`)) continue;
      const id = pathname.slice(parent.length + 1).split('/')[0]!;
      if (id && !siblings.has(decodeURIComponent(id))) return `${parent}/${id}`;
    }
  }
  return null;
}

/** A concrete address for a route pattern, its dynamic segments filled from the demo data. */
async function concretePath(session: Session, browser: Browser, route: string): Promise<string> {
  const segments = route.split('/').slice(1);
  let concrete = '';
  let pattern = '';
  for (const segment of segments) {
    pattern += `/${segment}`;
    if (!isDynamic(segment)) {
      concrete += `/${segment}`;
      continue;
    }
    const cached = session.resolved.get(pattern);
    if (cached) {
      concrete = cached;
      continue;
    }
    const source = ID_SOURCES[pattern] ?? { list: concrete || '/' };
    const parentPattern = pattern.slice(0, pattern.lastIndexOf('/')) || '/';
    const found =
      'find' in source
        ? await source.find(browser)
        : await firstLinkBelow(session.page, source.list, concrete, parentPattern);
    if (!found)
      throw new Error(
        `No id for ${segment} in ${route}: no link to ${concrete}/… on ${'list' in source ? source.list : '(finder)'} ` +
          `(parent ${parentPattern}). Say where to find one in ID_SOURCES in e2e/a11y.spec.ts.`,
      );
    session.resolved.set(pattern, found);
    concrete = found;
  }
  return concrete || '/';
}

// ---------------------------------------------------------------------------------------------
// The public survey form needs a real signed link, which only ever arrives by e-mail.

const surveyPathIn = (text: string) => /\/survey\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text)?.[0] ?? null;

async function opensSurveyForm(page: Page, surveyPath: string) {
  await page.goto(surveyPath);
  return (await page.locator('[data-testid^="score-picker-"]').count()) > 0;
}

/**
 * A survey link still waiting for its answer: one already in the mail sink, or a fresh one from a
 * complaint the demo agent opens on a new delivered order and resolves (the customer is e-mailed).
 */
async function publicSurveyPath(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    for (const mail of sentMail().reverse()) {
      const p = surveyPathIn(bodyOf(mail.raw));
      if (p && (await opensSurveyForm(page, p))) return p;
    }
    const stamp = String(Date.now()).slice(-8);
    const email = `a11y-${stamp}@example.com`;
    // The helpers drive the zh-CN interface.
    await context.addCookies([{ name: LOCALE_COOKIE, value: 'zh-CN', url: baseURL() }]);
    await signInAndLand(page, 'agent@example.com', /\/desk$/);
    await page.goto('/desk/orders/new');
    await page.locator('#customerName').fill('无障碍测试');
    await page.locator('#customerPhone').fill(`136${stamp}`);
    await page.locator('#customerEmail').fill(email);
    await page.locator('#sku-0').fill('EB-AIR3');
    await page.getByTestId('save-order').click();
    await expect(page).toHaveURL(/\/desk\/orders\/SO\d+$/);
    const orderNo = page.url().split('/').pop()!;
    await changeStatus(page, 'paid');
    await changeStatus(page, 'shipped', `SF${stamp}`);
    await changeStatus(page, 'delivered');
    await page.goto(`/desk/orders/${orderNo}/new-case?reason=other`);
    await page.getByRole('radio', { name: zhRe('cases.types.complaint') }).check();
    await page.locator('#case-description').fill('无障碍检查用的投诉');
    await page.getByTestId('submit-case').click();
    await expect(page).toHaveURL(/\/desk\/cases\/AS-\d{8}-\d+$/);
    await page.getByTestId('case-action-resolve').click();
    await expect(page.getByTestId('case-action-resolve')).toHaveCount(0);
    let found: string | null = null;
    await expect
      .poll(
        () => {
          // The customer is also e-mailed about the order itself: take the message with the link.
          const links = sentMail().flatMap((m) => (m.to.includes(email) ? [surveyPathIn(bodyOf(m.raw))] : []));
          found = links.find((l) => l !== null) ?? null;
          return found;
        },
        { message: `the survey e-mail to ${email}`, timeout: 30_000 },
      )
      .not.toBeNull();
    return found!;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a page

type Finding = { rule: string; impact: string; target: string; where: string; html: string; detail: string };

/** Waits for what renders after load (charts measure their box first; fonts change contrast boxes). */
async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const charts = page.locator('.recharts-responsive-container');
  for (let i = 0; i < (await charts.count()); i++)
    await charts
      .nth(i)
      .locator('svg')
      .first()
      .waitFor({ state: 'attached', timeout: 5_000 })
      .catch(() => {});
}

async function seriousViolations(page: Page, where: string): Promise<Finding[]> {
  await settle(page);
  const { violations } = await new AxeBuilder({ page }).options(AXE_OPTIONS).withTags(AXE_TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact!,
        target: n.target.map(String).join(' >> '),
        where,
        html: n.html.replace(/\s+/g, ' ').slice(0, 160),
        detail: (n.failureSummary ?? v.help).split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 220),
      })),
    );
}

function report(findings: Finding[]): string {
  if (!findings.length) return 'no serious or critical violations';
  return [
    `${findings.length} serious or critical accessibility violation(s):`,
    ...findings.map(
      (f) => `  a11y-violation ${f.rule} [${f.impact}] on ${f.where}: ${f.target} — ${f.detail}\n      ${f.html}`,
    ),
  ].join('\n');
}

async function expectAccessible(page: Page, where: string) {
  const findings = await seriousViolations(page, where);
  expect(findings, report(findings)).toEqual([]);
}

async function visit(page: Page, address: string, shell: Shell) {
  const response = await page.goto(address);
  expect(response?.status() ?? 0, `${address} answered ${response?.status()}`).toBeLessThan(400);
  if (shell !== 'public')
    expect(new URL(page.url()).pathname, `${address} sent us away`).toMatch(new RegExp(`^/${shell}(/|$)`));
}

const DARK_PAGES: Record<Shell, string[]> = {
  public: ['/sign-in', '/help/[slug]'],
  portal: ['/portal', '/portal/orders/[orderNo]'],
  // The guides: rendered Markdown in .prose-help (its tables, code and links have their own colours).
  desk: ['/desk', '/desk/orders', '/desk/cases', '/desk/reports', '/desk/guide'],
  admin: ['/admin/users', '/admin/reports', '/admin/guide'],
};

// ---------------------------------------------------------------------------------------------
// Interactive states: where violations hide behind a click

type State = { name: string; open: (page: Page, session: Session, browser: Browser) => Promise<void> };

const openMenu = (trigger: string) => async (page: Page) => {
  await page.getByTestId(trigger).click();
  await expect(page.getByRole('menu')).toBeVisible();
};

/** Opens the first dialog a page offers (Radix marks its triggers aria-haspopup="dialog"). */
const openDialog = (route: string, trigger?: string) => async (page: Page, session: Session, browser: Browser) => {
  await page.goto(await concretePath(session, browser, route));
  await settle(page);
  await (trigger ? page.getByTestId(trigger) : page.locator('button[aria-haspopup="dialog"]:visible').first()).click();
  await expect(page.getByRole('dialog')).toBeVisible();
};

/** The publish confirmation of a new article (an alert dialog: it asks before going public). */
const openPublishConfirmation = async (page: Page) => {
  await page.goto('/desk/help/new');
  await settle(page);
  await page.getByTestId('publish-article').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
};

/**
 * A help article's version diff (added and removed text in their tints), optionally in the dark
 * theme, where the tints differ most. The demo's articles each have version 1, which is all "added".
 */
const openHelpDiff = (dark: boolean) => async (page: Page, session: Session, browser: Browser) => {
  const address = await concretePath(session, browser, '/desk/help/[id]');
  if (dark) await session.context.addCookies([{ name: THEME_COOKIE, value: 'dark', url: baseURL() }]);
  try {
    await page.goto(address);
    await page.locator('[data-testid^="show-diff-"]').first().click();
    await expect(page.getByTestId('version-diff')).toBeVisible();
  } finally {
    if (dark) await session.context.clearCookies({ name: THEME_COOKIE });
  }
};

const SHELL_STATES: Record<Exclude<Shell, 'public'>, State[]> = {
  desk: [
    { name: 'order status dialog', open: openDialog('/desk/orders/[orderNo]', 'change-status') },
    { name: 'help article publish dialog', open: openPublishConfirmation },
    { name: 'help article version diff', open: openHelpDiff(false) },
    { name: 'help article version diff, dark theme', open: openHelpDiff(true) },
  ],
  admin: [{ name: 'new team dialog', open: openDialog('/admin/teams') }],
  portal: [{ name: 'claim order dialog', open: openDialog('/portal/orders', 'claim-order') }],
};

// ---------------------------------------------------------------------------------------------
// The tests

for (const shell of ['public', 'portal', 'desk', 'admin'] as const) {
  test.describe(`${shell} pages`, () => {
    let session: Session;
    test.beforeAll(async ({ browser }) => {
      session = await openSession(browser, shell);
    });
    test.afterAll(async () => {
      await session?.context.close();
    });

    const routes = [
      ...ROUTES.filter((r) => shellOf(r) === shell).map((route) => ({ route, path: null as string | null })),
      ...EXTRA_PAGES.filter((p) => p.shell === shell),
    ];
    for (const locale of LOCALES) {
      for (const { route, path: fixed } of routes) {
        test(`${locale} ${route}`, async ({ browser }) => {
          // Finding a survey link may mean making one: an order, a case and an e-mail.
          if (route.includes('[token]')) test.setTimeout(120_000);
          await setLocale(session, locale);
          const address = fixed ?? (await concretePath(session, browser, route));
          await visit(session.page, address, shell);
          await expectAccessible(session.page, `${address} (${locale})`);
          await expectNoCatalogueKeys(session.page, `${address} (${locale})`);
        });
      }

      if (shell === 'public') continue;
      const home = `/${shell}`;
      const states: State[] = [
        { name: 'user menu open', open: async (page) => (await page.goto(home), openMenu('user-menu')(page)) },
        {
          name: 'language menu open',
          open: async (page) => (await page.goto(home), openMenu('language-switch')(page)),
        },
        {
          name: 'notifications open',
          open: async (page) => (await page.goto(home), openMenu('notification-bell')(page)),
        },
        // The page-specific states in zh-CN; the shell's menus in both (their names are words).
        ...(locale === 'zh-CN' ? SHELL_STATES[shell] : []),
      ];
      for (const state of states) {
        test(`${locale} ${home} — ${state.name}`, async ({ browser }) => {
          await setLocale(session, locale);
          await state.open(session.page, session, browser);
          await expectAccessible(
            session.page,
            `${session.page.url().replace(/^https?:\/\/[^/]+/, '')} ${state.name} (${locale})`,
          );
        });
      }
    }

    // The dark theme on the pages densest in badges, chips and charts (its tokens differ).
    for (const route of DARK_PAGES[shell]) {
      test(`dark theme, zh-CN ${route}`, async ({ browser }) => {
        await setLocale(session, 'zh-CN');
        await session.context.addCookies([{ name: THEME_COOKIE, value: 'dark', url: baseURL() }]);
        try {
          const address = await concretePath(session, browser, route);
          await visit(session.page, address, shell);
          await expect(session.page.locator('html')).toHaveClass(/\bdark\b/);
          await expectAccessible(session.page, `${address} (dark, zh-CN)`);
        } finally {
          await session.context.clearCookies({ name: THEME_COOKIE });
        }
      });
    }

    test('the route walk found this shell’s pages', () => {
      // A guard against the route walk silently finding nothing (e.g. a moved app/ folder).
      expect(routes.length, `pages found for ${shell}`).toBeGreaterThan(shell === 'public' ? 1 : 3);
    });
  });
}
