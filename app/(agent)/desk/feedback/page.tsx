import type { Metadata } from 'next';
import { AlertCircle, MessageCircleHeart, SearchX, X } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { pickParams, setParams } from '@/components/data/search-params';
import { labelName } from '@/components/feedback/feedback-badges';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { requireAreaActor } from '@/lib/auth/guard';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { listFeedback, type FeedbackListItem } from '@/lib/feedback/queries';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, SCORE_BANDS } from '@/lib/feedback/schemas';
import { listTaxonomy } from '@/lib/feedback/taxonomy';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';
import { FeedbackTable } from './_components/feedback-table';
import { FEEDBACK_FILTER_KEYS } from './_components/filters';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('feedbackDesk.title') };
}

/** A flag in the URL: only these spellings mean "on" (z.coerce.boolean would read "0" as true). */
const on = (v: string | undefined) => v === '1' || v === 'true' || v === 'on';

function FilterLabel({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <Label htmlFor={htmlFor} className="text-xs font-normal text-muted-foreground">
      {children}
    </Label>
  );
}

export default async function FeedbackInboxPage({ searchParams }: PageProps<'/desk/feedback'>) {
  await requireAreaActor('access:desk:any');
  const params = pickParams(await searchParams, FEEDBACK_FILTER_KEYS);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const tz = env().SHOP_TIMEZONE;
  // "Not classified" is one choice of the category select (categoryId=none) or ?uncategorized=1.
  const uncategorized = params.categoryId === 'none' || on(params.uncategorized);
  const input = {
    ...params,
    categoryId: uncategorized ? undefined : params.categoryId,
    uncategorized: uncategorized ? true : undefined,
    mine: on(params.mine) ? true : undefined,
  };
  let page: Page<FeedbackListItem> = { items: [], nextCursor: null };
  let filterError: string | null = null;
  try {
    page = await listFeedback({ ctx, input });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    filterError = Object.values(err.fieldErrors)
      .map((codes) => t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')))
      .join(' ');
  }
  const taxonomy = await listTaxonomy({ ctx });
  const categoryName = new Map(taxonomy.categories.map((c) => [c.id, labelName(c, locale)]));
  const tagName = new Map(taxonomy.tags.map((c) => [c.id, labelName(c, locale)]));
  const active = setParams(params);
  const filtered = Object.keys(active).length > 0;
  // Carried to the detail page so its back link returns to this very list.
  const listQuery = new URLSearchParams(setParams(params, [])).toString();
  const withoutProduct = new URLSearchParams(setParams(params, ['cursor', 'productId'])).toString();
  const inactive = ` (${t('feedbackDesk.inactive')})`;

  return (
    <>
      <PageHeader title={t('feedbackDesk.title')} description={t('feedbackDesk.description')} />
      <FeedbackTabs />
      <form
        method="get"
        role="search"
        className="mb-3 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-5"
        data-testid="feedback-filters"
      >
        {params.productId ? <input type="hidden" name="productId" value={params.productId} /> : null}
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-kind">{t('feedbackDesk.filters.kind')}</FilterLabel>
          <NativeSelect id="fb-kind" name="kind" defaultValue={params.kind ?? ''}>
            <option value="">{t('feedbackDesk.filters.anyKind')}</option>
            {FEEDBACK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`feedback.kinds.${k}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-band">{t('feedbackDesk.filters.band')}</FilterLabel>
          <NativeSelect id="fb-band" name="band" defaultValue={params.band ?? ''}>
            <option value="">{t('feedbackDesk.filters.anyBand')}</option>
            {SCORE_BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`feedback.bands.${b}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-status">{t('feedback.status')}</FilterLabel>
          <NativeSelect id="fb-status" name="status" defaultValue={params.status ?? ''}>
            <option value="">{t('feedbackDesk.filters.anyStatus')}</option>
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`feedback.statuses.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-category">{t('feedback.category')}</FilterLabel>
          <NativeSelect
            id="fb-category"
            name="categoryId"
            defaultValue={uncategorized ? 'none' : (params.categoryId ?? '')}
          >
            <option value="">{t('feedbackDesk.filters.anyCategory')}</option>
            <option value="none">{t('feedback.uncategorized')}</option>
            {taxonomy.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {labelName(c, locale)}
                {c.active ? '' : inactive}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-tag">{t('feedbackDesk.filters.tag')}</FilterLabel>
          <NativeSelect id="fb-tag" name="tagId" defaultValue={params.tagId ?? ''}>
            <option value="">{t('feedbackDesk.filters.anyTag')}</option>
            {taxonomy.tags.map((c) => (
              <option key={c.id} value={c.id}>
                {labelName(c, locale)}
                {c.active ? '' : inactive}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-from">{t('feedbackDesk.filters.from')}</FilterLabel>
          <Input
            id="fb-from"
            type="date"
            name="from"
            defaultValue={params.from}
            aria-invalid={filterError ? true : undefined}
          />
        </div>
        <div className="grid gap-1">
          <FilterLabel htmlFor="fb-to">{t('feedbackDesk.filters.to')}</FilterLabel>
          <Input
            id="fb-to"
            type="date"
            name="to"
            defaultValue={params.to}
            aria-invalid={filterError ? true : undefined}
          />
        </div>
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2 sm:col-span-2 lg:col-span-3">
          <label className="flex h-9 cursor-pointer items-center gap-2 text-sm" htmlFor="fb-mine">
            <input
              id="fb-mine"
              type="checkbox"
              name="mine"
              value="1"
              defaultChecked={on(params.mine)}
              className="size-4 accent-primary"
            />
            {t('feedbackDesk.filters.mine')}
          </label>
          <div className="ml-auto flex gap-2">
            {filtered ? (
              <Button variant="ghost" asChild>
                <Link href="/desk/feedback">{t('common.reset')}</Link>
              </Button>
            ) : null}
            <Button type="submit">{t('common.apply')}</Button>
          </div>
        </div>
      </form>
      {params.productId ? (
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="product-filter">
          <span className="inline-flex items-center gap-1 rounded-full border bg-accent/50 py-0.5 pr-1 pl-3">
            {page.items[0]?.productName
              ? t('feedbackDesk.filters.product', { name: page.items[0].productName })
              : t('feedbackDesk.filters.productAny')}
            <Link
              href={withoutProduct ? `/desk/feedback?${withoutProduct}` : '/desk/feedback'}
              className="rounded-full p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
              aria-label={t('feedbackDesk.filters.clearProduct')}
              title={t('feedbackDesk.filters.clearProduct')}
            >
              <X className="size-3.5" />
            </Link>
          </span>
        </div>
      ) : null}
      {filterError ? (
        <Alert variant="destructive" className="mb-4">
          <AlertCircle />
          <AlertDescription>{filterError}</AlertDescription>
        </Alert>
      ) : null}
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchX />}
            title={t('feedbackDesk.noMatch')}
            description={t('feedbackDesk.noMatchHint')}
            action={
              <Button variant="outline" asChild>
                <Link href="/desk/feedback">{t('common.reset')}</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<MessageCircleHeart />}
            title={t('feedbackDesk.empty')}
            description={t('feedbackDesk.emptyHint')}
          />
        )
      ) : (
        <FeedbackTable
          categories={taxonomy.categories
            .filter((c) => c.active)
            .map((c) => ({ id: c.id, name: labelName(c, locale) }))}
          tags={taxonomy.tags.filter((c) => c.active).map((c) => ({ id: c.id, name: labelName(c, locale) }))}
          rows={page.items.map((f) => ({
            id: f.id,
            href: listQuery ? `/desk/feedback/${f.id}?list=${encodeURIComponent(listQuery)}` : `/desk/feedback/${f.id}`,
            kind: f.kind,
            kindLabel: t(`feedback.kinds.${f.kind}`),
            score: f.score,
            comment: f.comment,
            customerName: f.customerName,
            orderNo: f.orderNo,
            categoryName: f.categoryId ? (categoryName.get(f.categoryId) ?? null) : null,
            tagNames: f.tagIds.map((id) => tagName.get(id)).filter((n): n is string => !!n),
            status: f.status,
            statusLabel: t(`feedback.statuses.${f.status}`),
            ownerName: f.ownerName,
            followUpCaseNo: f.followUpCaseNo,
            createdAt: f.createdAt.toISOString(),
            createdLabel: formatDate(f.createdAt, locale, tz),
            createdTitle: formatDateTime(f.createdAt, locale, tz),
          }))}
        />
      )}
      <KeysetPager
        basePath="/desk/feedback"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
