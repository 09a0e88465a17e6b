'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { archiveProduct, createProduct, restoreProduct, updateProduct } from '@/lib/catalog/products';
import { getT } from '@/lib/i18n/server';
import { parseAmount } from '@/lib/money';
import type { ProductFormValues } from './_components/product-form-types';

/** Both lists and the edit pages show the change. */
function revalidateCatalogue() {
  revalidatePath('/admin/products', 'layout');
  revalidatePath('/desk/products');
}

/** The form's values → the verb's input. "" is "not given"; a price that is not an amount is NaN (invalid_amount). */
function productInput(v: ProductFormValues) {
  return {
    sku: v.sku,
    name: v.name,
    nameEn: v.nameEn,
    category: v.category,
    priceCents: v.price.trim() === '' ? undefined : parseAmount(v.price),
    returnable: v.returnable,
    // A returnable product's leftover choice in the (hidden) select is not an error.
    nonReturnableReason: v.returnable ? '' : v.nonReturnableReason,
    warrantyDays: v.warrantyDays,
  };
}

export async function createProductAction(values: ProductFormValues) {
  const t = await getT();
  const result = await runAction(
    (ctx) => createProduct({ ctx, input: productInput(values) }),
    (r) => t('products.form.created', { sku: r.sku }),
  );
  if (result.ok) revalidateCatalogue();
  return result;
}

export async function updateProductAction(sku: string, version: number, values: ProductFormValues) {
  const t = await getT();
  const result = await runAction(
    (ctx) => updateProduct({ ctx, input: { ...productInput(values), sku, version } }),
    (r) => (r.version === version ? t('products.form.unchanged') : t('products.form.saved')),
  );
  if (result.ok) revalidateCatalogue();
  return result;
}

export async function archiveProductAction(sku: string, version: number) {
  const t = await getT();
  const result = await runAction(
    (ctx) => archiveProduct({ ctx, input: { sku, version } }),
    () => t('products.archived'),
  );
  if (result.ok) revalidateCatalogue();
  return result;
}

export async function restoreProductAction(sku: string, version: number) {
  const t = await getT();
  const result = await runAction(
    (ctx) => restoreProduct({ ctx, input: { sku, version } }),
    () => t('products.restored'),
  );
  if (result.ok) revalidateCatalogue();
  return result;
}
