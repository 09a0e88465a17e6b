import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { guideHrefFor } from '../lib/guide/sections';
import { LOCALE_COOKIE, type Locale } from '../lib/i18n/config';
import { signInAndLand } from './helpers';
import { enT, zh } from './messages';

/**
 * The staff guide (#13): on every desk and admin page a role can open, the "?" in the header leads
 * to that page's section of the guide, which is a heading, shown below the sticky header (a few
 * pages per role follow the link by a click, in both languages; the rest check its target against
 * the headings the guide page serves). The pages
 * are found by walking app/, so a page added later is checked (and needs its section) without
 * touching this file. A dynamic segment takes a real id: the first link to such a page on its
 * parent list page, as in e2e/a11y.spec.ts.
 */

const AREA_DIRS = {
  desk: path.join(process.cwd(), 'app', '(agent)', 'desk'),
  admin: path.join(process.cwd(), 'app', '(admin)', 'admin'),
} as const;

function pageRoutes(dir: string, prefix: string): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) routes.push(prefix);
    if (!entry.isDirectory() || /^[_@]/.test(entry.name) || /^\(\.+\)/.test(entry.name)) continue;
    const group = /^\(.+\)$/.test(entry.name);
    routes.push(...pageRoutes(path.join(dir, entry.name), group ? prefix : `${prefix}/${entry.name}`));
  }
  return [...new Set(routes)].sort();
}

const DESK_ROUTES = pageRoutes(AREA_DIRS.desk, '/desk');
const ADMIN_ROUTES = pageRoutes(AREA_DIRS.admin, '/admin');
const isDynamic = (segment: string) => /^\[.+\]$/.test(segment);

/** Help-article authoring is for supervisors. */
const isHelpAuthoring = (route: string) => route === '/desk/help' || route.startsWith('/desk/help/');
/** Desk pages an agent does not have (no permission): "page not found" for them. */
const AGENT_LACKS = [
  '/desk/products',
  '/desk/reports',
  '/desk/imports',
  ...DESK_ROUTES.filter((r) => r === '/desk/help'),
];

type Role = { name: 'agent' | 'supervisor' | 'admin'; email: string; home: RegExp; routes: string[] };
const ROLES: Role[] = [
  {
    name: 'agent',
    email: 'agent@example.com',
    home: /\/desk$/,
    routes: DESK_ROUTES.filter((r) => !AGENT_LACKS.includes(r) && !isHelpAuthoring(r)),
  },
  { name: 'supervisor', email: 'supervisor@example.com', home: /\/desk$/, routes: DESK_ROUTES },
  { name: 'admin', email: 'admin@example.com', home: /\/admin$/, routes: ADMIN_ROUTES },
];

/** A handful of pages per role whose link is followed by a click, in zh-CN and in English. */
const ENGLISH: Record<Role['name'], string[]> = {
  agent: ['/desk', '/desk/cases/[caseNo]', '/desk/orders', '/desk/guide'],
  supervisor: ['/desk/customers/[id]', '/desk/feedback/[id]', '/desk/imports', '/desk/reports'],
  admin: ['/admin', '/admin/products/[sku]', '/admin/sla', '/admin/guide'],
};

type Session = {
  context: BrowserContext;
  page: Page;
  resolved: Map<string, string>;
  headings: Map<string, Set<string>>;
};

const baseURL = () => test.info().project.use.baseURL ?? 'http://localhost';

async function setLocale(session: Session, locale: Locale) {
  await session.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL() }]);
}

/** Static names beside a dynamic segment (`new` beside `[orderNo]`): links to those are not ids. */
function staticSiblings(routes: string[], parentPattern: string): Set<string> {
  const depth = parentPattern.split('/').length;
  return new Set(
    routes
      .filter((r) => r.startsWith(`${parentPattern}/`))
      .map((r) => r.split('/')[depth])
      .filter((s): s is string => !!s && !isDynamic(s)),
  );
}

/** A concrete address for a route pattern, each dynamic segment taken from its parent list page. */
async function concretePath(session: Session, routes: string[], route: string): Promise<string> {
  let concrete = '';
  let pattern = '';
  for (const segment of route.split('/').slice(1)) {
    const parentPattern = pattern;
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
    await session.page.goto(concrete);
    const siblings = staticSiblings(routes, parentPattern);
    const idOf = (hrefs: string[]) =>
      hrefs
        .map((href) => new URL(href).pathname)
        .filter((p) => p.startsWith(`${concrete}/`))
        .map((p) => p.slice(concrete.length + 1).split('/')[0]!)
        .find((id) => id && !siblings.has(decodeURIComponent(id)));
    // A streamed page may reveal its list a moment after the load event (React batches the
    // reveal of Suspense boundaries), so look again for a few seconds before giving up.
    let found: string | undefined;
    for (let i = 0; i < 20 && !found; i++) {
      if (i) await session.page.waitForTimeout(250);
      found = idOf(
        await session.page.locator('main a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
      );
    }
    if (!found) throw new Error(`No link to ${concrete}/… on ${concrete} to fill ${segment} of ${route}`);
    concrete = `${concrete}/${found}`;
    session.resolved.set(pattern, concrete);
  }
  return concrete;
}

/** Opens a page, follows its "?" and checks where it lands. */
async function followGuideLink(page: Page, address: string, locale: Locale) {
  const response = await page.goto(address);
  expect(response?.status(), `${address} answered ${response?.status()}`).toBeLessThan(400);
  const link = page.getByTestId('guide-link');
  await expect(link).toHaveAccessibleName((locale === 'en' ? enT : zh)('guide.linkLabel'));
  const expected = guideHrefFor(new URL(page.url()).pathname);
  expect(expected, `no guide section for ${address}`).not.toBeNull();
  await expect(link).toHaveAttribute('href', expected!);
  await link.click();
  const [guidePath, id] = expected!.split('#') as [string, string];
  await expect(page).toHaveURL((url) => url.pathname === guidePath && url.hash === `#${id}`);
  const heading = page.locator(`[id="${id}"]`);
  await expect(heading, `#${id} on ${guidePath}`).toHaveCount(1);
  expect(await heading.evaluate((el) => el.tagName)).toMatch(/^H[1-6]$/);
  await expect(heading).toBeInViewport();
  await expectBelowHeader(page, heading);
}

/**
 * The heading ids of a guide page as served to this session, fetched once per guide and language:
 * checking every page's "?" target against them costs one request per guide, not a page load per
 * link (the links followed by a click are the English set below and the phone tests).
 */
async function headingIds(session: Session, guidePath: string, locale: Locale): Promise<Set<string>> {
  const key = `${locale}:${guidePath}`;
  const cached = session.headings.get(key);
  if (cached) return cached;
  const response = await session.page.request.get(guidePath);
  expect(response.status(), `${guidePath} answered ${response.status()}`).toBe(200);
  const html = await response.text();
  const ids = new Set([...html.matchAll(/<h[1-6][^>]*\sid="([^"]+)"/g)].map((m) => m[1]!));
  session.headings.set(key, ids);
  return ids;
}

/** Opens a page and checks its "?" leads to a heading of the guide, without following it. */
async function checkGuideLink(session: Session, address: string, locale: Locale) {
  const { page } = session;
  const response = await page.goto(address);
  expect(response?.status(), `${address} answered ${response?.status()}`).toBeLessThan(400);
  const link = page.getByTestId('guide-link');
  await expect(link).toHaveAccessibleName((locale === 'en' ? enT : zh)('guide.linkLabel'));
  const expected = guideHrefFor(new URL(page.url()).pathname);
  expect(expected, `no guide section for ${address}`).not.toBeNull();
  await expect(link).toHaveAttribute('href', expected!);
  const [guidePath, id] = expected!.split('#') as [string, string];
  expect([...(await headingIds(session, guidePath, locale))], `#${id} on ${guidePath}`).toContain(id);
}

/** Below the sticky header, not hidden under it (scroll-margin-top on the headings). */
async function expectBelowHeader(page: Page, heading: Locator) {
  await expect
    .poll(async () => {
      const [h, top] = await Promise.all([page.locator('header').first().boundingBox(), heading.boundingBox()]);
      return h && top ? Math.round(top.y - (h.y + h.height)) : -1;
    })
    .toBeGreaterThanOrEqual(0);
}

for (const role of ROLES) {
  test.describe(`guide links as ${role.name}`, () => {
    let session: Session;
    test.beforeAll(async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAndLand(page, role.email, role.home);
      session = { context, page, resolved: new Map(), headings: new Map() };
    });
    test.afterAll(async () => {
      await session?.context.close();
    });

    const allRoutes = role.name === 'admin' ? ADMIN_ROUTES : DESK_ROUTES;
    for (const route of role.routes) {
      test(`zh-CN ${route}`, async () => {
        await setLocale(session, 'zh-CN');
        const address = await concretePath(session, allRoutes, route);
        if (ENGLISH[role.name].includes(route)) await followGuideLink(session.page, address, 'zh-CN');
        else await checkGuideLink(session, address, 'zh-CN');
      });
    }
    for (const route of ENGLISH[role.name].filter((r) => role.routes.includes(r))) {
      test(`en ${route}`, async () => {
        await setLocale(session, 'en');
        try {
          await followGuideLink(session.page, await concretePath(session, allRoutes, route), 'en');
          await expect(session.page.locator('h1')).toHaveText(/guide/i);
        } finally {
          await setLocale(session, 'zh-CN');
        }
      });
    }

    if (role.name === 'agent') {
      test('pages the agent lacks do not open for them', async () => {
        await setLocale(session, 'zh-CN');
        for (const route of AGENT_LACKS) {
          // The desk streams its pages (loading.tsx), so the status may already be sent: read the page.
          await session.page.goto(route);
          await expect(session.page.getByText(zh('errors.notFoundTitle'), { exact: true }), route).toBeVisible();
          await expect(session.page.locator(`nav a[href="${route}"]`)).toHaveCount(0);
        }
      });
    }

    test('the route walk found the pages', () => {
      expect(role.routes.length).toBeGreaterThan(10);
    });
  });
}

test('the guide lists its sections and the phone contents open and lead to them', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await signInAndLand(page, 'supervisor@example.com', /\/desk$/);
    await page.goto('/desk/guide');
    const contents = page.getByRole('navigation', { name: zh('guide.contents') });
    await expect(contents).toBeHidden();
    await page.locator('summary', { hasText: zh('guide.contents') }).click();
    await expect(contents).toBeVisible();
    await contents.locator('a[href="#desk-imports"]').click();
    await expect(page).toHaveURL(/#desk-imports$/);
    // The list folds away first, so the heading stays where the jump put it.
    await expect(contents).toBeHidden();
    await expect(page.locator('#desk-imports')).toBeInViewport();
    await expectBelowHeader(page, page.locator('#desk-imports'));
  } finally {
    await context.close();
  }
});

test('a guide address with a section, opened directly, shows that section', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAndLand(page, 'agent@example.com', /\/desk$/);
    await page.goto('/desk/guide#desk-case-sla');
    await expect(page.locator('#desk-case-sla')).toBeInViewport();
    await expectBelowHeader(page, page.locator('#desk-case-sla'));
  } finally {
    await context.close();
  }
});

test('the guide is searched from its page; a result leads to its section', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAndLand(page, 'agent@example.com', /\/desk$/);
    await page.goto('/desk/guide');
    await page.getByRole('searchbox', { name: zh('guide.searchLabel') }).fill('怎么导入订单');
    await page.getByRole('searchbox', { name: zh('guide.searchLabel') }).press('Enter');
    await expect(page).toHaveURL(/\/desk\/guide\?q=/);
    const results = page.getByTestId('guide-results');
    const first = results.getByRole('link').first();
    await expect(first).toHaveAttribute('href', '#desk-imports');
    await expect(first.locator('mark').first()).toBeVisible();
    await first.click();
    await expect(page.locator('#desk-imports')).toBeInViewport();

    await page.goto('/desk/guide?q=zzqqxxyy');
    await expect(page.getByRole('heading', { name: zh('guide.noResultsTitle', { query: 'zzqqxxyy' }) })).toBeVisible();
    await page.getByRole('link', { name: zh('guide.clearSearch') }).click();
    await expect(page).toHaveURL(/\/desk\/guide$/);
  } finally {
    await context.close();
  }
});
