/**
 * Where each desk and admin page is explained in the staff guide (docs/guide/<locale>/<area>.md).
 * Pure and client-safe: the header's "?" link maps the current pathname to its section. The ids are
 * the explicit `{#id}` of a `##` heading, the same in both languages (lib/guide/sections.test.ts
 * checks that every page has a pattern and every id exists in both files).
 */

export const GUIDE_AREAS = ['desk', 'admin'] as const;
export type GuideArea = (typeof GUIDE_AREAS)[number];
export type GuideSection = { area: GuideArea; id: string };

/** Route pattern (as the folder names under app/, without route groups) → its guide section. */
export const GUIDE_SECTIONS: Readonly<Record<string, GuideSection>> = {
  '/desk': { area: 'desk', id: 'desk-home' },
  '/desk/cases': { area: 'desk', id: 'desk-cases' },
  '/desk/cases/[caseNo]': { area: 'desk', id: 'desk-case' },
  '/desk/orders': { area: 'desk', id: 'desk-orders' },
  '/desk/orders/new': { area: 'desk', id: 'desk-order-new' },
  '/desk/orders/[orderNo]': { area: 'desk', id: 'desk-order' },
  '/desk/orders/[orderNo]/edit': { area: 'desk', id: 'desk-order-edit' },
  '/desk/orders/[orderNo]/new-case': { area: 'desk', id: 'desk-case-new' },
  '/desk/customers': { area: 'desk', id: 'desk-customers' },
  '/desk/customers/[id]': { area: 'desk', id: 'desk-customer' },
  '/desk/customers/[id]/orders': { area: 'desk', id: 'desk-customer-orders' },
  '/desk/products': { area: 'desk', id: 'desk-products' },
  '/desk/feedback': { area: 'desk', id: 'desk-feedback' },
  '/desk/feedback/[id]': { area: 'desk', id: 'desk-feedback-item' },
  '/desk/feedback/stats': { area: 'desk', id: 'desk-feedback-stats' },
  '/desk/replies': { area: 'desk', id: 'desk-replies' },
  '/desk/reports': { area: 'desk', id: 'desk-reports' },
  '/desk/imports': { area: 'desk', id: 'desk-imports' },
  '/desk/help': { area: 'desk', id: 'desk-help' },
  '/desk/help/new': { area: 'desk', id: 'desk-help-edit' },
  '/desk/help/[id]': { area: 'desk', id: 'desk-help-edit' },
  '/desk/guide': { area: 'desk', id: 'desk-guide' },
  '/desk/account': { area: 'desk', id: 'desk-account' },

  '/admin': { area: 'admin', id: 'admin-home' },
  '/admin/reports': { area: 'admin', id: 'admin-reports' },
  '/admin/users': { area: 'admin', id: 'admin-users' },
  '/admin/teams': { area: 'admin', id: 'admin-teams' },
  '/admin/products': { area: 'admin', id: 'admin-products' },
  '/admin/products/new': { area: 'admin', id: 'admin-product-new' },
  '/admin/products/[sku]': { area: 'admin', id: 'admin-product' },
  '/admin/categories': { area: 'admin', id: 'admin-categories' },
  '/admin/channels': { area: 'admin', id: 'admin-channels' },
  '/admin/policies': { area: 'admin', id: 'admin-policies' },
  '/admin/sla': { area: 'admin', id: 'admin-sla' },
  '/admin/priority-rules': { area: 'admin', id: 'admin-priority-rules' },
  '/admin/routing-rules': { area: 'admin', id: 'admin-routing-rules' },
  '/admin/feedback': { area: 'admin', id: 'admin-feedback' },
  '/admin/outbox': { area: 'admin', id: 'admin-outbox' },
  '/admin/backups': { area: 'admin', id: 'admin-backups' },
  '/admin/orders': { area: 'admin', id: 'admin-deleted-orders' },
  '/admin/api-keys': { area: 'admin', id: 'admin-api-keys' },
  '/admin/settings': { area: 'admin', id: 'admin-settings' },
  '/admin/audit': { area: 'admin', id: 'admin-audit' },
  '/admin/help': { area: 'admin', id: 'admin-help' },
  '/admin/help/new': { area: 'admin', id: 'admin-help-edit' },
  '/admin/help/[id]': { area: 'admin', id: 'admin-help-edit' },
  '/admin/guide': { area: 'admin', id: 'admin-guide' },
  '/admin/account': { area: 'admin', id: 'admin-account' },
};

const isDynamic = (segment: string) => segment.startsWith('[') && segment.endsWith(']');
const segmentsOf = (path: string) => path.split('/').filter(Boolean);

const PATTERNS = Object.entries(GUIDE_SECTIONS).map(([pattern, section]) => ({
  segments: segmentsOf(pattern),
  section,
}));

/**
 * The guide section for a concrete pathname (`/desk/cases/AS-20261201-0001` → the case page's
 * section). A static segment beats a dynamic one at the same place, so `/desk/orders/new` is the
 * new-order page, not an order numbered "new". Null for a path no page of the guide covers.
 */
export function guideSectionFor(pathname: string): GuideSection | null {
  const path = segmentsOf(pathname.split(/[?#]/)[0] ?? '');
  let best: { section: GuideSection; score: number } | null = null;
  for (const { segments, section } of PATTERNS) {
    if (segments.length !== path.length) continue;
    let score = 0;
    let ok = true;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (isDynamic(s)) {
        if (!path[i]) ok = false;
        continue;
      }
      if (s !== path[i]) {
        ok = false;
        break;
      }
      // Earlier static segments weigh more: the first place two patterns differ decides.
      score += 2 ** (segments.length - i);
    }
    if (ok && (!best || score > best.score)) best = { section, score };
  }
  return best?.section ?? null;
}

/** The address of a section in the guide of its area. */
export function guideHref(section: GuideSection): string {
  return `/${section.area}/guide#${section.id}`;
}

/** `/desk/cases/AS-…` → `/desk/guide#desk-case`; null when no section explains that page. */
export function guideHrefFor(pathname: string): string | null {
  const section = guideSectionFor(pathname);
  return section ? guideHref(section) : null;
}
