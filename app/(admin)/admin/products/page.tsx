import type { Metadata } from 'next';
import { Download, Plus } from 'lucide-react';
import Link from 'next/link';
import { PRODUCT_LIST_KEYS, ProductList } from '@/components/catalog/product-list';
import { pickParams, setParams } from '@/components/data/search-params';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { requireAreaActor } from '@/lib/auth/guard';
import { listCategoryOptions } from '@/lib/catalog/product-categories-options';
import { listProducts, type ProductDto } from '@/lib/catalog/products';
import { getRequestContext } from '@/lib/context/request';
import { ValidationError } from '@/lib/errors';
import { getLocale, getT } from '@/lib/i18n/server';
import type { Page } from '@/lib/pagination';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('products.title') };
}

export default async function AdminProductsPage({ searchParams }: PageProps<'/admin/products'>) {
  await requireAreaActor('manage:product:any');
  const params = pickParams(await searchParams, PRODUCT_LIST_KEYS);
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  let page: Page<ProductDto> = { items: [], nextCursor: null };
  let filterError: string | null = null;
  try {
    page = await listProducts({ ctx, input: params });
  } catch (err) {
    // A hand-edited URL (unknown status, over-long search) shows an explained empty list.
    if (!(err instanceof ValidationError)) throw err;
    filterError = Object.values(err.fieldErrors)
      .map((codes) => t.dynamic(`validation.${codes[0]}`, undefined, t('validation.invalid')))
      .join(' ');
  }
  const categories = await listCategoryOptions({ ctx });
  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        actions={
          <>
            <Button variant="outline" asChild title={t('products.exportHint')}>
              <a href={`/api/products/export?${new URLSearchParams(setParams(params))}`} data-testid="export-products">
                <Download />
                {t('products.export')}
              </a>
            </Button>
            <Button asChild>
              <Link href="/admin/products/new">
                <Plus />
                {t('products.newProduct')}
              </Link>
            </Button>
          </>
        }
      />
      <ProductList
        basePath="/admin/products"
        params={params}
        page={page}
        categories={categories}
        filterError={filterError}
        t={t}
        locale={locale}
        linkRows
        emptyAllHint={t('products.emptyAllHint')}
      />
    </>
  );
}
