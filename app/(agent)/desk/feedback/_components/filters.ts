/**
 * The inbox's URL filters, named as ListFeedbackInput names them so other pages (statistics,
 * the detail page's back link) can link to a filtered inbox.
 */
export const FEEDBACK_FILTER_KEYS = [
  'kind',
  'band',
  'status',
  'categoryId',
  'uncategorized',
  'tagId',
  'productId',
  'mine',
  'from',
  'to',
  'cursor',
] as const;

/** The inbox URL for a query string carried in `?list=`, keeping only known filters (no open redirect, no junk). */
export function inboxHref(list: string | undefined): string {
  if (!list) return '/desk/feedback';
  const from = new URLSearchParams(list);
  const kept = new URLSearchParams();
  for (const key of FEEDBACK_FILTER_KEYS) {
    const v = from.get(key);
    if (v) kept.set(key, v.slice(0, 200));
  }
  const qs = kept.toString();
  return qs ? `/desk/feedback?${qs}` : '/desk/feedback';
}
