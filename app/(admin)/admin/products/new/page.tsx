import type { Metadata } from 'next';
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { PageHeader } from '@/components/layout/app-shell';
import { Button } from '@/components/ui/button';
import { requireAreaActor } from '@/lib/auth/guard';
import { categoryName, listCategoryOptions } from '@/lib/catalog/product-categories-options';
import { DEFAULT_WARRANTY_DAYS } from '@/lib/catalog/product-constants';
import { getRequestContext } from '@/lib/context/request';
import { getLocale, getT } from '@/lib/i18n/server';
import { createProductAction } from '../actions';
import { ProductForm } from '../_components/product-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('products.newTitle') };
}

export default async function NewProductPage() {
  await requireAreaActor('manage:product:any');
  const ctx = await getRequestContext();
  const [t, locale] = [await getT(), await getLocale()];
  const options = await listCategoryOptions({ ctx });
  // Only active categories take new products.
  const categories = options
    .filter((c) => c.active)
    .map((c) => ({ code: c.code, label: categoryName(options, c.code, locale) }));
  return (
    <>
      <PageHeader
        title={t('products.newTitle')}
        actions={
          <Button variant="ghost" asChild>
            <Link href="/admin/products">
              <ArrowLeft />
              {t('products.back')}
            </Link>
          </Button>
        }
      />
      <ProductForm
        mode="create"
        categories={categories}
        onSubmit={createProductAction}
        initial={{
          sku: '',
          name: '',
          nameEn: '',
          category: '',
          price: '',
          returnable: true,
          nonReturnableReason: '',
          warrantyDays: String(DEFAULT_WARRANTY_DAYS),
        }}
      />
    </>
  );
}
