'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions';
import { getT } from '@/lib/i18n/server';
import { saveCategoryPolicy } from '@/lib/returns/policies';

export async function savePolicyAction(input: Record<string, unknown>) {
  const t = await getT();
  const result = await runAction(
    (ctx) => saveCategoryPolicy({ ctx, input }),
    () => t('policies.saved'),
  );
  if (result.ok) revalidatePath('/admin/policies');
  return result;
}
