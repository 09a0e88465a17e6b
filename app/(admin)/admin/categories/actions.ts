'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { createCategory, updateCategory } from '@/lib/catalog/categories';
import { catalogName } from '@/lib/catalog/names';
import { getLocale, getT } from '@/lib/i18n/server';

export async function createCategoryAction(input: Record<string, unknown>) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => createCategory({ ctx, input }),
    (row) => t('catalogRecords.created', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/categories');
  return result;
}

export async function updateCategoryAction(input: Record<string, unknown>) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => updateCategory({ ctx, input }),
    (row) => t('catalogRecords.saved', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/categories');
  return result;
}

export async function setCategoryActiveAction(input: { code?: unknown; version?: unknown; active?: unknown }) {
  const [t, locale] = [await getT(), await getLocale()];
  const result = await runAction(
    (ctx) => updateCategory({ ctx, input: { code: input?.code, version: input?.version, active: input?.active } }),
    (row) =>
      t(row.active ? 'catalogRecords.reactivated' : 'catalogRecords.deactivated', { name: catalogName(row, locale) }),
  );
  if (result.ok) revalidatePath('/admin/categories');
  return result;
}
