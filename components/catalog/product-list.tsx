import { AlertCircle, Boxes, Search } from 'lucide-react';
import Link from 'next/link';
import { KeysetPager } from '@/components/data/keyset-pager';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { categoryName, type CategoryOption } from '@/lib/catalog/product-categories-options';
import { PRODUCT_STATUSES } from '@/lib/catalog/product-constants';
import type { ProductDto } from '@/lib/catalog/products';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { formatMoney } from '@/lib/money';
import type { Page } from '@/lib/pagination';

export const PRODUCT_LIST_KEYS = ['q', 'category', 'status', 'cursor'] as const;
export type ProductListParams = Record<(typeof PRODUCT_LIST_KEYS)[number], string | undefined>;

/** The product's name in the reader's language first, the other one (if any) below it. */
export function productNames(
  p: Pick<ProductDto, 'name' | 'nameEn'>,
  locale: Locale,
): { primary: string; secondary: string | null } {
  if (locale === 'en' && p.nameEn) return { primary: p.nameEn, secondary: p.name };
  return { primary: p.name, secondary: p.nameEn };
}

/** "7-day no-reason return · 365-day warranty", or why it is excluded. */
export function returnsSummary(
  t: Translate,
  p: Pick<ProductDto, 'returnable' | 'nonReturnableReason' | 'warrantyDays'>,
): { returns: string; warranty: string } {
  return {
    returns: p.returnable
      ? t('products.returnable')
      : t('products.notReturnable', {
          reason: t.dynamic(
            `products.reasons.${p.nonReturnableReason ?? 'confirmed'}`,
            undefined,
            p.nonReturnableReason ?? '',
          ),
        }),
    warranty: p.warrantyDays > 0 ? t('products.warranty', { days: p.warrantyDays }) : t('products.noWarranty'),
  };
}

/**
 * The catalogue list shared by /admin/products (rows link to the edit page) and /desk/products
 * (read-only): filters as a plain GET form, the table, the empty states and the keyset pager.
 */
export function ProductList({
  basePath,
  params,
  page,
  categories,
  filterError,
  t,
  locale,
  linkRows,
  emptyAllHint,
}: {
  basePath: string;
  params: ProductListParams;
  page: Page<ProductDto>;
  categories: CategoryOption[];
  filterError: string | null;
  t: Translate;
  locale: Locale;
  linkRows: boolean;
  emptyAllHint: string;
}) {
  const filtered = !!(params.q || params.category || (params.status && params.status !== 'active'));
  const byCode = new Map(categories.map((c) => [c.code, c]));
  return (
    <>
      <form
        method="get"
        role="search"
        className="mb-4 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto]"
      >
        <div className="grid gap-1">
          <Label htmlFor="product-search" className="text-xs font-normal text-muted-foreground">
            {t('products.searchLabel')}
          </Label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              id="product-search"
              name="q"
              defaultValue={params.q}
              placeholder={t('products.searchPlaceholder')}
              className="pl-9"
              maxLength={100}
            />
          </div>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="product-category" className="text-xs font-normal text-muted-foreground">
            {t('products.categoryLabel')}
          </Label>
          <NativeSelect id="product-category" name="category" defaultValue={params.category ?? ''}>
            <option value="">{t('products.anyCategory')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.active
                  ? categoryName(byCode, c.code, locale)
                  : t('products.form.inactiveCategory', { name: categoryName(byCode, c.code, locale) })}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="product-status" className="text-xs font-normal text-muted-foreground">
            {t('products.statusLabel')}
          </Label>
          <NativeSelect id="product-status" name="status" defaultValue={params.status ?? 'active'}>
            {PRODUCT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`products.status.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="secondary">
            {t('common.apply')}
          </Button>
          {filtered ? (
            <Button variant="ghost" asChild>
              <Link href={basePath}>{t('common.reset')}</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {filterError ? (
        <Alert variant="destructive" className="mb-4">
          <AlertCircle />
          <AlertDescription>{filterError}</AlertDescription>
        </Alert>
      ) : null}

      {page.items.length === 0 ? (
        filtered || params.cursor ? (
          <EmptyState icon={<Boxes />} title={t('products.empty')} description={t('products.emptyHint')} />
        ) : (
          <EmptyState icon={<Boxes />} title={t('products.emptyAll')} description={emptyAllHint} />
        )
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('products.columns.sku')}</TableHead>
                <TableHead>{t('products.columns.name')}</TableHead>
                <TableHead>{t('products.columns.category')}</TableHead>
                <TableHead className="text-right">{t('products.columns.price')}</TableHead>
                <TableHead>{t('products.columns.returns')}</TableHead>
                <TableHead>{t('products.columns.status')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((p) => {
                const names = productNames(p, locale);
                const summary = returnsSummary(t, p);
                return (
                  <TableRow key={p.id} data-testid={`product-row-${p.sku}`}>
                    <TableCell className="font-mono text-xs">
                      {linkRows ? (
                        <Link
                          href={`${basePath}/${encodeURIComponent(p.sku)}`}
                          className="font-medium text-primary underline-offset-4 hover:underline"
                        >
                          {p.sku}
                        </Link>
                      ) : (
                        p.sku
                      )}
                    </TableCell>
                    <TableCell>
                      <div className="font-medium">{names.primary}</div>
                      {names.secondary ? <div className="text-xs text-muted-foreground">{names.secondary}</div> : null}
                    </TableCell>
                    <TableCell className="text-muted-foreground">{categoryName(byCode, p.category, locale)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(p.priceCents, p.currency, locale)}
                    </TableCell>
                    <TableCell className="text-sm">
                      <div className={p.returnable ? undefined : 'text-warning-foreground dark:text-warning'}>
                        {summary.returns}
                      </div>
                      <div className="text-xs text-muted-foreground">{summary.warranty}</div>
                    </TableCell>
                    <TableCell>
                      {p.active ? (
                        <Badge variant="success">{t('products.status.active')}</Badge>
                      ) : (
                        <Badge variant="secondary">{t('products.status.archived')}</Badge>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
      <KeysetPager
        basePath={basePath}
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={!!params.cursor}
        count={page.items.length}
      />
    </>
  );
}
