import type { Metadata } from 'next';
import { Archive, ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/app-shell';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { requireAreaActor } from '@/lib/auth/guard';
import { categoryName, listCategoryOptions } from '@/lib/catalog/product-categories-options';
import { getProduct } from '@/lib/catalog/products';
import { getRequestContext } from '@/lib/context/request';
import { env } from '@/lib/env';
import { NotFoundError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { getLocale, getT } from '@/lib/i18n/server';
import { centsToInput } from '@/lib/money';
import { updateProductAction } from '../actions';
import { ArchiveButton } from '../_components/archive-button';
import { ProductForm } from '../_components/product-form';

function skuParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: PageProps<'/admin/products/[sku]'>): Promise<Metadata> {
  const t = await getT();
  return { title: t('products.editTitle', { sku: skuParam((await params).sku).toUpperCase() }) };
}

export default async function EditProductPage({ params }: PageProps<'/admin/products/[sku]'>) {
  await requireAreaActor('manage:product:any');
  const ctx = await getRequestContext();
  const product = await getProduct({ ctx, input: { sku: skuParam((await params).sku) } }).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [t, locale] = [await getT(), await getLocale()];
  const options = await listCategoryOptions({ ctx });
  // Active categories, plus the product's own even when it has been retired since.
  const categories = options
    .filter((c) => c.active || c.code === product.category)
    .map((c) => ({
      code: c.code,
      label: c.active
        ? categoryName(options, c.code, locale)
        : t('products.form.inactiveCategory', { name: categoryName(options, c.code, locale) }),
    }));
  if (!categories.some((c) => c.code === product.category))
    categories.push({ code: product.category, label: product.category });

  return (
    <>
      <PageHeader
        title={t('products.editTitle', { sku: product.sku })}
        description={[
          t('products.detail.orderLines', { count: product.orderLineCount }),
          t('products.detail.updatedAt', { time: formatDateTime(product.updatedAt, locale, env().SHOP_TIMEZONE) }),
        ].join(' ')}
        actions={
          <>
            {product.active ? (
              <Badge variant="success">{t('products.status.active')}</Badge>
            ) : (
              <Badge variant="secondary">{t('products.status.archived')}</Badge>
            )}
            <ArchiveButton
              key={product.version}
              sku={product.sku}
              version={product.version}
              active={product.active}
              orderLineCount={product.orderLineCount}
            />
            <Button variant="ghost" asChild>
              <Link href="/admin/products">
                <ArrowLeft />
                {t('products.back')}
              </Link>
            </Button>
          </>
        }
      />
      {!product.active ? (
        <Alert variant="warning" className="mb-6 max-w-3xl">
          <Archive />
          <AlertDescription>{t('products.detail.archivedNotice')}</AlertDescription>
        </Alert>
      ) : null}
      <ProductForm
        key={product.version}
        mode="edit"
        categories={categories}
        onSubmit={updateProductAction.bind(null, product.sku, product.version)}
        initial={{
          sku: product.sku,
          name: product.name,
          nameEn: product.nameEn ?? '',
          category: product.category,
          price: centsToInput(product.priceCents),
          returnable: product.returnable,
          nonReturnableReason: product.nonReturnableReason ?? '',
          warrantyDays: String(product.warrantyDays),
        }}
      />
    </>
  );
}
